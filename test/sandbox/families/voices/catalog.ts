/** System voices the sandbox knows (ids as on the real platform). */
export interface CatalogVoice {
	voice_id: string;
	voice_name: string;
	description: string[];
}

export const SYSTEM_VOICES: readonly CatalogVoice[] = [
	{
		voice_id: 'English_expressive_narrator',
		voice_name: 'Expressive Narrator',
		description: ['An expressive adult male voice with a British accent, ideal for audiobooks.'],
	},
	{
		voice_id: 'English_Graceful_Lady',
		voice_name: 'Graceful Lady',
		description: ['A graceful, elegant middle-aged female voice with a British accent.'],
	},
	{
		voice_id: 'English_Trustworth_Man',
		voice_name: 'Trustworthy Man',
		description: ['A trustworthy, resonant adult male voice with a General American accent.'],
	},
	{
		voice_id: 'English_CalmWoman',
		voice_name: 'Calm Woman',
		description: ['A calm and soothing adult female voice.'],
	},
	{
		voice_id: 'Wise_Woman',
		voice_name: 'Wise Woman',
		description: ['A wise, gentle mature female voice.'],
	},
	{
		voice_id: 'Friendly_Person',
		voice_name: 'Friendly Guy',
		description: ['A friendly, approachable young male voice.'],
	},
	{
		voice_id: 'Deep_Voice_Man',
		voice_name: 'Deep Voice Man',
		description: ['A deep, low-pitched male voice.'],
	},
	{
		voice_id: 'Calm_Woman',
		voice_name: 'Calm Woman',
		description: ['A calm, composed female voice.'],
	},
	{
		voice_id: 'Casual_Guy',
		voice_name: 'Casual Guy',
		description: ['A relaxed, casual young male voice.'],
	},
	{
		voice_id: 'Lively_Girl',
		voice_name: 'Lively Girl',
		description: ['A lively, energetic young female voice.'],
	},
	{
		voice_id: 'Patient_Man',
		voice_name: 'Patient Man',
		description: ['A patient, steady adult male voice.'],
	},
	{
		voice_id: 'Young_Knight',
		voice_name: 'Young Knight',
		description: ['A brave, youthful male voice.'],
	},
	{
		voice_id: 'Determined_Man',
		voice_name: 'Determined Man',
		description: ['A determined, firm adult male voice.'],
	},
	{
		voice_id: 'Lovely_Girl',
		voice_name: 'Lovely Girl',
		description: ['A sweet, lovely young female voice.'],
	},
	{
		voice_id: 'Decent_Boy',
		voice_name: 'Decent Boy',
		description: ['A polite, decent young male voice.'],
	},
	{
		voice_id: 'Inspirational_girl',
		voice_name: 'Inspirational Girl',
		description: ['An uplifting, inspirational young female voice.'],
	},
	{
		voice_id: 'Imposing_Manner',
		voice_name: 'Imposing Manner',
		description: ['An imposing, authoritative male voice.'],
	},
	{
		voice_id: 'Elegant_Man',
		voice_name: 'Elegant Man',
		description: ['A refined, elegant adult male voice.'],
	},
	{
		voice_id: 'Sweet_Girl_2',
		voice_name: 'Sweet Girl',
		description: ['A sweet, soft young female voice.'],
	},
	{
		voice_id: 'Exuberant_Girl',
		voice_name: 'Exuberant Girl',
		description: ['An exuberant, cheerful young female voice.'],
	},
	{ voice_id: 'male-qn-qingse', voice_name: '青涩青年音色', description: ['青涩的青年男声。'] },
	{ voice_id: 'female-shaonv', voice_name: '少女音色', description: ['清亮的少女声音。'] },
	{
		voice_id: 'Chinese (Mandarin)_Reliable_Executive',
		voice_name: 'Reliable Executive',
		description: ['A steady, reliable Mandarin male executive voice.'],
	},
	{
		voice_id: 'Japanese_IntellectualSenior',
		voice_name: 'Intellectual Senior',
		description: ['A calm, intellectual senior Japanese male voice.'],
	},
	{
		voice_id: 'Spanish_SereneWoman',
		voice_name: 'Serene Woman',
		description: ['A serene, gentle Spanish female voice.'],
	},
	{
		voice_id: 'English_magnetic_voiced_man',
		voice_name: 'Magnetic-voiced Male',
		description: ['A magnetic, deep adult male voice.'],
	},
];
