import type { FamilyState, SandboxState } from '../../core/state';
import type { Region } from '../../core/types';

/**
 * Which hosts offer the embeddings route. docs/minimax-api.md §17.5 leaves it UNCERTAIN whether
 * current hosts still serve `/v1/embeddings`; a test switches a region off to get the HTTP 404 a
 * host without the route answers. Both regions offer it after every reset.
 */
export class EmbeddingsStore implements FamilyState {
	readonly offered: Record<Region, boolean> = { global: true, china: true };

	reset(): void {
		this.offered.global = true;
		this.offered.china = true;
	}

	settle(): void {}
}

export function embeddingsStore(state: SandboxState): EmbeddingsStore {
	return state.family('embeddings', () => new EmbeddingsStore());
}
