import { deleteVoiceOperation } from '../../shared/voices/operations';

/** Delete Designed Voice: POST /v1/delete_voice (docs/minimax-api.md §4). Built by the shared voice-operation factory. */
const operation = deleteVoiceOperation('delete', 'voice_generation');

export const description = operation.description;
export const execute = operation.execute;
