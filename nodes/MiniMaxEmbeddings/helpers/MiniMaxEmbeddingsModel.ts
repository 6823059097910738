import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { ExecutionError, IDataObject, ISupplyDataFunctions } from 'n8n-workflow';

import { supplyDataTransportContext } from '../../shared/transport/context';
import { batchTexts } from './batches';
import { requestEmbeddings, type EmbeddingType } from './request';
import type { EmbeddingsSettings } from './settings';

/**
 * What n8n's vector store nodes call on the object an `ai_embedding` sub-node supplies: the
 * interface of LangChain's `Embeddings` (`embedDocuments`, `embedQuery`), which the vector stores
 * (LangChain's MemoryVectorStore, PGVector, Qdrant, …) call structurally. No LangChain code is
 * needed: n8n's AI node SDK has no embeddings helper, and n8n's own logWrapper (which shows a
 * sub-node's input and output in the editor) only wraps LangChain instances, so this class records
 * its input and output on the connection itself, as logWrapper does.
 */
export class MiniMaxEmbeddingsModel {
	constructor(
		private readonly ctx: ISupplyDataFunctions,
		private readonly settings: EmbeddingsSettings,
	) {}

	/**
	 * Vectors for documents to store (type `db`), one per text in order; texts are sent in batches
	 * of at most Batch Size texts and about 3500 estimated tokens, one request after another.
	 * Errors: NodeOperationError for an empty text (no request is sent), NodeApiError for MiniMax
	 * errors.
	 */
	async embedDocuments(texts: string[]): Promise<number[][]> {
		return await this.logged({ documents: texts }, 'ai-document-embedded', async () => {
			this.checkTexts(texts, 'Document');
			const vectors: number[][] = [];
			for (const batch of batchTexts(texts, this.settings.batchSize)) {
				vectors.push(...(await this.embed(batch, 'db')));
			}
			return vectors;
		});
	}

	/** The vector of a search query (type `query`). Errors as embedDocuments. */
	async embedQuery(text: string): Promise<number[]> {
		return await this.logged({ query: text }, 'ai-query-embedded', async () => {
			this.checkTexts([text], 'Query');
			return (await this.embed([text], 'query'))[0];
		});
	}

	private async embed(texts: string[], type: EmbeddingType): Promise<number[][]> {
		const context = supplyDataTransportContext(this.ctx);
		return (await requestEmbeddings(context, this.settings, texts, type)).vectors;
	}

	/** An empty text has nothing to embed; n8n's own embeddings nodes refuse it the same way. */
	private checkTexts(texts: unknown[], kind: 'Document' | 'Query'): void {
		for (const [index, text] of texts.entries()) {
			if (typeof text === 'string' && text.trim() !== '') continue;
			const which = kind === 'Query' ? 'The query' : `Document ${index + 1} of ${texts.length}`;
			throw new NodeOperationError(
				this.ctx.getNode(),
				`${which} is empty: MiniMax cannot embed empty text`,
				{
					description:
						kind === 'Query'
							? 'Give the vector store a non-empty prompt or query.'
							: 'Remove empty items before the vector store, or check the Default Data Loader and text splitter settings.',
				},
			);
		}
	}

	/** Records the call's input and output (or error) on the node's ai_embedding connection. */
	private async logged<T>(
		input: IDataObject,
		event: 'ai-document-embedded' | 'ai-query-embedded',
		run: () => Promise<T>,
	): Promise<T> {
		const connection = NodeConnectionTypes.AiEmbedding;
		const { index } = this.ctx.addInputData(connection, [[{ json: input }]]);
		try {
			const response = await run();
			this.ctx.logAiEvent(event);
			this.ctx.addOutputData(connection, index, [[{ json: { response } as IDataObject }]]);
			return response;
		} catch (caught) {
			const error =
				caught instanceof NodeApiError || caught instanceof NodeOperationError
					? caught
					: new NodeOperationError(this.ctx.getNode(), caught as Error);
			this.ctx.addOutputData(connection, index, error as ExecutionError);
			throw error;
		}
	}
}
