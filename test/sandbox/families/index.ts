import type { Route } from '../http/routes';
import { batchRoutes } from './batch/routes';
import { modelRoutes } from './chat/models';
import { chatRoutes } from './chat/routes';
import { embeddingRoutes } from './embeddings/routes';
import { fileRoutes } from './files/routes';
import { imageRoutes } from './image/routes';
import { musicRoutes } from './music/routes';
import { sttRoutes } from './stt/routes';
import { ttsRoutes } from './tts/routes';
import { ttsAsyncRoutes } from './tts/async';
import { videoRoutes } from './video/routes';
import { voiceCreationRoutes } from './voiceCreation/routes';
import { voiceRoutes } from './voices/routes';

/** Every API family's routes. New families add theirs here. */
export const ALL_ROUTES: readonly Route[] = [
	...ttsRoutes,
	...ttsAsyncRoutes,
	...voiceRoutes,
	...voiceCreationRoutes,
	...fileRoutes,
	...videoRoutes,
	...imageRoutes,
	...musicRoutes,
	...chatRoutes,
	...modelRoutes,
	...batchRoutes,
	...embeddingRoutes,
	...sttRoutes,
];
