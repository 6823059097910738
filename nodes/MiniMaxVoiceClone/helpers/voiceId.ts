/** A voice ID that satisfies MiniMax's rules: starts with a letter, letters and digits only. */
export function generateVoiceId(prefix: string, now = new Date()): string {
	const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
	const random = Math.floor(Math.random() * 36 ** 4)
		.toString(36)
		.padStart(4, '0');
	return `${prefix}${stamp}${random}`;
}
