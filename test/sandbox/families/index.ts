import type { Route } from '../routes';
import { chatRoutes } from './chat';
import { fileRoutes } from './files';
import { imageRoutes } from './image';
import { musicRoutes } from './music';
import { ttsRoutes } from './tts';
import { ttsAsyncRoutes } from './ttsAsync';
import { videoRoutes } from './video';
import { voiceCreationRoutes } from './voiceCreation';
import { voiceRoutes } from './voices';

/** Every API family's routes. New families (video, image, music, chat, voice clone/design) add theirs here. */
export const ALL_ROUTES: readonly Route[] = [...ttsRoutes, ...ttsAsyncRoutes, ...voiceRoutes, ...voiceCreationRoutes, ...fileRoutes, ...videoRoutes, ...imageRoutes, ...musicRoutes, ...chatRoutes];
