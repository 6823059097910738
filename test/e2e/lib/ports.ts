import { createServer } from 'net';

/** A free TCP port on 127.0.0.1: `preferred` when it is free, else one the OS picks. */
export async function freePort(preferred?: number): Promise<number> {
	const tryPort = (port: number) =>
		new Promise<number>((resolve, reject) => {
			const server = createServer();
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => {
				const { port: bound } = server.address() as { port: number };
				server.close(() => resolve(bound));
			});
		});
	if (preferred) {
		try {
			return await tryPort(preferred);
		} catch {
			// taken: fall through to a random one
		}
	}
	return tryPort(0);
}
