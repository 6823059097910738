/**
 * An MP3 encoder built from lamejs's own CommonJS modules (lamejs/src/js/*), unmodified.
 *
 * lamejs 1.2.1's `Mp3Encoder` cannot be used as it is: three of its modules use `MPEGMode`,
 * `Lame` and `BitStream` without requiring them, so under Node it throws "MPEGMode is not
 * defined" (zhuker/lamejs#86), and it lets LAME resample to a lower rate at low bitrates, where
 * the sandbox must keep the requested sample rate. So this file wires the same modules the way
 * lamejs's `src/js/index.js` does, provides the three names as globals (the workaround given in
 * that issue), and sets LAME's own `out_samplerate` option before `lame_init_params`. Encoder
 * settings are lamejs's: CBR, quality 3, no VBR tag, no ID3 tag, bit reservoir disabled (every
 * frame carries all its own data, so the sandbox can repeat and splice frames).
 */

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */

export interface Mp3Encoder {
	/** Encodes 16-bit PCM samples; returns the MP3 bytes produced so far. */
	encodeBuffer(left: Int16Array, right?: Int16Array): Int8Array;
	/** Encodes what is buffered and returns the last MP3 bytes. */
	flush(): Int8Array;
}

type Constructor = new () => any;

interface LameModules {
	Lame: Constructor;
	GainAnalysis: Constructor;
	BitStream: Constructor;
	Presets: Constructor;
	QuantizePVT: Constructor;
	Quantize: Constructor;
	VBRTag: Constructor;
	Version: Constructor;
	Reservoir: Constructor;
	Takehiro: Constructor;
	MPEGMode: { STEREO: unknown };
}

let modules: LameModules | undefined;

function lameModules(): LameModules {
	if (modules) return modules;
	const MPEGMode = require('lamejs/src/js/MPEGMode.js');
	const Lame = require('lamejs/src/js/Lame.js');
	const BitStream = require('lamejs/src/js/BitStream.js');
	Object.assign(globalThis, { MPEGMode, Lame, BitStream });
	modules = {
		Lame,
		BitStream,
		MPEGMode,
		GainAnalysis: require('lamejs/src/js/GainAnalysis.js'),
		Presets: require('lamejs/src/js/Presets.js'),
		QuantizePVT: require('lamejs/src/js/QuantizePVT.js'),
		Quantize: require('lamejs/src/js/Quantize.js'),
		VBRTag: require('lamejs/src/js/VBRTag.js'),
		Version: require('lamejs/src/js/Version.js'),
		Reservoir: require('lamejs/src/js/Reservoir.js'),
		Takehiro: require('lamejs/src/js/Takehiro.js'),
	};
	return modules;
}

/** lamejs's stand-ins for the decoder-side modules that an encoder never calls. */
class Unused {
	setModules(): void {}
}

/**
 * A CBR MP3 encoder writing exactly `sampleRate` Hz at `kbps` (LAME picks the MPEG version from
 * the rate; an impossible bitrate for that version throws). `channels` is 1 or 2.
 */
export function createMp3Encoder(channels: number, sampleRate: number, kbps: number): Mp3Encoder {
	const m = lameModules();
	const lame = new m.Lame();
	const ga = new m.GainAnalysis();
	const bs = new m.BitStream();
	const presets = new m.Presets();
	const qupvt = new m.QuantizePVT();
	const qu = new m.Quantize();
	const vbr = new m.VBRTag();
	const version = new m.Version();
	const id3 = new Unused();
	const mpg = new Unused();
	const rv = new m.Reservoir();
	const tak = new m.Takehiro();
	lame.setModules(ga, bs, presets, qupvt, qu, vbr, version, id3, mpg);
	bs.setModules(ga, mpg, version, vbr);
	presets.setModules(lame);
	qu.setModules(bs, rv, qupvt, tak);
	qupvt.setModules(tak, rv, lame.enc.psy);
	rv.setModules(bs);
	tak.setModules(qupvt);
	vbr.setModules(lame, bs, version);

	const gfp = lame.lame_init();
	gfp.num_channels = channels;
	gfp.in_samplerate = sampleRate;
	gfp.out_samplerate = sampleRate;
	gfp.brate = kbps;
	gfp.mode = m.MPEGMode.STEREO;
	gfp.quality = 3;
	gfp.bWriteVbrTag = false;
	gfp.disable_reservoir = true;
	gfp.write_id3tag_automatic = false;
	if (lame.lame_init_params(gfp) !== 0) {
		throw new Error(
			`lamejs cannot encode ${channels} channel(s) at ${sampleRate} Hz, ${kbps} kbps`,
		);
	}

	let size = 0;
	let out = new Int8Array(0);
	const room = (samples: number) => {
		const needed = Math.ceil(1.25 * Math.max(samples, 1152) + 7200);
		if (needed > size) {
			size = needed;
			out = new Int8Array(size);
		}
	};
	return {
		encodeBuffer(left, right) {
			const second = channels === 1 ? left : right;
			if (!second || second.length !== left.length)
				throw new Error('both channels need the same number of samples');
			room(left.length);
			const length = lame.lame_encode_buffer(gfp, left, second, left.length, out, 0, size);
			return new Int8Array(out.subarray(0, length));
		},
		flush() {
			room(0);
			const length = lame.lame_encode_flush(gfp, out, 0, size);
			return new Int8Array(out.subarray(0, length));
		},
	};
}
