import { sniffAudio } from '../../nodes/shared/media/audioInfo';
import { encodedTone, sineWav } from '../support/audioSamples';

describe('audio sniffing', () => {
	it('reads WAV, MP3 and M4A durations', () => {
		expect(sniffAudio(sineWav(3.5))).toEqual({ format: 'wav', durationSeconds: 3.5 });
		const mp3 = sniffAudio(encodedTone(12, 'mp3'));
		expect(mp3?.format).toBe('mp3');
		expect(mp3?.durationSeconds).toBeCloseTo(12, 0);
		const m4a = sniffAudio(encodedTone(12, 'm4a'));
		expect(m4a?.format).toBe('m4a');
		expect(m4a?.durationSeconds).toBeCloseTo(12, 0);
	});

	it('does not mistake other files for audio', () => {
		expect(sniffAudio(Buffer.from('hello world, not audio'))).toBeUndefined();
		expect(sniffAudio(Buffer.from([0xff, 0xfb]))).toBeUndefined();
	});
});
