/**
 * The MiniMax Embeddings sub-node inside a workflow: n8n-core's engine calls its supplyData with a
 * real supply-data context when a root node asks for its `ai_embedding` input, and the root node (a
 * small in-memory vector store, like n8n's) embeds documents and a query against the sandbox and
 * retrieves the nearest document. n8n's real vector store nodes run it in test/e2e.
 */
import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { runWorkflow, type WorkflowJson } from '../../harness';
import { SANDBOX_GROUP_ID } from '../../sandbox';
import { embeddingsStore } from '../../sandbox/families/embeddings/store';
import { NO_BALANCE_MARKER } from '../../sandbox/families/embeddings/routes';
import { EMBEDDING_DIMENSIONS, embedText } from '../../sandbox/families/embeddings/vectors';
import { apiRequests, credentialsFor, subNodeWorkflow, useSandbox } from '../helpers';

const sandbox = useSandbox();
const PATH = '/v1/embeddings';

interface Embeddings {
	embedDocuments(texts: string[]): Promise<number[][]>;
	embedQuery(text: string): Promise<number[]>;
}

const DOCUMENTS = [
	'Lighthouses guide ships along the rocky coast at night.',
	'Sourdough bread needs a starter, flour, water and salt.',
	'The annual budget meeting moved to Thursday afternoon.',
];

const cosine = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i], 0);

/** A root node like n8n's In-Memory Vector Store: embeds documents, then the query, and ranks. */
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool -- test fixture, never offered to an AI agent
class TestVectorStore implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Vector Store',
		name: 'vectorStore',
		group: ['transform'],
		version: 1,
		description: 'Embeds documents and a query through the connected embeddings (test only)',
		defaults: { name: 'Vector Store' },
		inputs: [
			NodeConnectionTypes.Main,
			{
				type: NodeConnectionTypes.AiEmbedding,
				displayName: 'Embedding',
				required: true,
				maxConnections: 1,
			},
		],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Documents', name: 'documents', type: 'json', default: '[]' },
			{ displayName: 'Query', name: 'query', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const embeddings = (await this.getInputConnectionData(
			NodeConnectionTypes.AiEmbedding,
			0,
		)) as Embeddings;
		const documents = JSON.parse(this.getNodeParameter('documents', 0) as string) as string[];
		const query = this.getNodeParameter('query', 0) as string;
		const stored = documents.length ? await embeddings.embedDocuments(documents) : [];
		const json: IDataObject = { vectors: stored };
		if (query) {
			const vector = await embeddings.embedQuery(query);
			const scores = stored.map((document) => cosine(document, vector));
			json.query = vector;
			json.best = documents[scores.indexOf(Math.max(...scores))];
		}
		return [[{ json, pairedItem: { item: 0 } }]];
	}
}

function workflow(store: IDataObject, embeddings: IDataObject): WorkflowJson {
	return subNodeWorkflow(
		{ name: 'Vector Store', type: 'test.vectorStore', parameters: store },
		{
			name: 'MiniMax Embeddings',
			type: 'n8n-nodes-minimax.miniMaxEmbeddings',
			parameters: embeddings,
		},
		'ai_embedding',
	);
}

async function runStore(
	store: { documents?: string[]; query?: string },
	embeddings: IDataObject = {},
	credentials: IDataObject = {},
) {
	return await runWorkflow(
		workflow(
			{ documents: JSON.stringify(store.documents ?? []), query: store.query ?? '' },
			{
				model: 'embo-01',
				...embeddings,
			},
		),
		{
			credentials: credentialsFor(sandbox(), credentials),
			extraNodeTypes: { 'test.vectorStore': new TestVectorStore() },
		},
	);
}

async function storeOutput(...args: Parameters<typeof runStore>): Promise<IDataObject> {
	const result = await runStore(...args);
	if (result.status !== 'success') throw result.error ?? new Error(result.status);
	return result.output('Vector Store')[0].json;
}

async function storeError(...args: Parameters<typeof runStore>): Promise<Error> {
	const result = await runStore(...args);
	expect(result.status).toBe('error');
	return result.error as Error;
}

function errorText(error: Error): string {
	return `${error.message} ${(error as Error & { description?: string }).description ?? ''}`;
}

describe('MiniMax Embeddings sub-node', () => {
	it('embeds documents as "db" and the query as "query", and the store retrieves the right document', async () => {
		const output = await storeOutput({
			documents: DOCUMENTS,
			query: 'How do I bake sourdough bread?',
		});
		const vectors = output.vectors as number[][];
		expect(vectors).toHaveLength(3);
		for (const vector of vectors) expect(vector).toHaveLength(EMBEDDING_DIMENSIONS);
		expect(output.query).toHaveLength(EMBEDDING_DIMENSIONS);
		expect(output.best).toBe(DOCUMENTS[1]);

		const [documents, query] = apiRequests(sandbox(), PATH);
		expect(documents.body).toEqual({ model: 'embo-01', texts: DOCUMENTS, type: 'db' });
		expect(query.body).toEqual({
			model: 'embo-01',
			texts: ['How do I bake sourdough bread?'],
			type: 'query',
		});
		expect(apiRequests(sandbox())).toHaveLength(2);
		for (const entry of [documents, query]) {
			expect(entry.headers.authorization).toBe('Bearer sk-sandbox-global-0001');
			expect(entry.query).toEqual({});
		}
	});

	it('shows its input and output on the ai_embedding connection, like n8n embeddings nodes', async () => {
		const result = await runStore({ documents: DOCUMENTS.slice(0, 2), query: 'bread' });
		const runs = result.runData['MiniMax Embeddings'];
		expect(runs).toHaveLength(2);
		const [documentsRun, queryRun] = runs;
		expect(documentsRun.inputOverride?.ai_embedding?.[0]?.[0].json).toEqual({
			documents: DOCUMENTS.slice(0, 2),
		});
		const documentsOut = documentsRun.data?.ai_embedding?.[0]?.[0].json.response as number[][];
		expect(documentsOut).toHaveLength(2);
		expect(queryRun.inputOverride?.ai_embedding?.[0]?.[0].json).toEqual({ query: 'bread' });
		expect(queryRun.data?.ai_embedding?.[0]?.[0].json.response).toHaveLength(EMBEDDING_DIMENSIONS);
	});

	it('sends the documents in batches of Batch Size, in order', async () => {
		const documents = Array.from({ length: 7 }, (_, i) => `Document number ${i} about topic ${i}`);
		const output = await storeOutput({ documents }, { options: { batchSize: 3 } });
		const sizes = apiRequests(sandbox(), PATH).map(
			(entry) => ((entry.body as IDataObject).texts as string[]).length,
		);
		expect(sizes).toEqual([3, 3, 1]);
		expect(output.vectors).toEqual(documents.map(embedText));
	});

	it('sends 50 texts per request by default', async () => {
		const documents = Array.from({ length: 120 }, (_, i) => `Entry ${i}`);
		const output = await storeOutput({ documents });
		expect((output.vectors as number[][]).length).toBe(120);
		const sizes = apiRequests(sandbox(), PATH).map(
			(entry) => ((entry.body as IDataObject).texts as string[]).length,
		);
		expect(sizes).toEqual([50, 50, 20]);
	});

	it('keeps each request under about 3500 tokens (langgenius/dify-official-plugins#3632)', async () => {
		// Six chunks of about 1000 estimated tokens each: three fit in one request.
		const documents = Array.from({ length: 6 }, (_, i) => `chunk ${i} `.repeat(375));
		const output = await storeOutput({ documents });
		expect((output.vectors as number[][]).length).toBe(6);
		const sizes = apiRequests(sandbox(), PATH).map(
			(entry) => ((entry.body as IDataObject).texts as string[]).length,
		);
		expect(sizes).toEqual([3, 3]);
	});

	it('sends one text larger than the context as is, alone in its request, for MiniMax to judge (README)', async () => {
		// MiniMax publishes no per-text limit (docs/minimax-api.md §17.5): nothing is cut or refused locally.
		const big = 'word '.repeat(11_000);
		const documents = ['small one', big, 'small two'];
		const output = await storeOutput({ documents });
		expect(output.vectors).toEqual(documents.map(embedText));
		const texts = apiRequests(sandbox(), PATH).map(
			(entry) => (entry.body as IDataObject).texts as string[],
		);
		expect(texts).toEqual([['small one'], [big], ['small two']]);
	});

	it('adds the GroupId query parameter when the credential has one (LangChain clients require it)', async () => {
		await storeOutput({ documents: DOCUMENTS, query: 'ships' }, {}, { groupId: SANDBOX_GROUP_ID });
		const requests = apiRequests(sandbox(), PATH);
		expect(requests).toHaveLength(2);
		for (const entry of requests) expect(entry.query).toEqual({ GroupId: SANDBOX_GROUP_ID });
	});

	it('says the account or region does not offer embeddings when the host answers 404', async () => {
		embeddingsStore(sandbox().state).offered.global = false;
		const error = await storeError({ documents: DOCUMENTS });
		expect(error.message).toBe(
			'MiniMax: embeddings are not offered for this account or region (HTTP 404 on /v1/embeddings)',
		);
		expect(errorText(error)).toMatch(/credential Region/);
		expect(apiRequests(sandbox(), PATH)).toHaveLength(1);
	});

	it('reports a base_resp error with its code and trace ID, without retrying it', async () => {
		const error = await storeError({ documents: DOCUMENTS }, { model: 'embo-02' });
		expect(error.message).toMatch(
			/^MiniMax: invalid params, model: must be one of embo-01.*\(2013\)$/,
		);
		expect(errorText(error)).toMatch(/trace ID [0-9a-f]+/);
		expect(apiRequests(sandbox(), PATH)).toHaveLength(1);
	});

	it('explains 1008 on embeddings: balance, or embeddings not offered (MiniMax-AI/MiniMax-M2#111)', async () => {
		const error = await storeError({ documents: [`Some text ${NO_BALANCE_MARKER}`] });
		expect(error.message).toBe('MiniMax: insufficient balance (1008)');
		expect(errorText(error)).toMatch(/not offered embeddings/);
	});

	it('retries transient errors with backoff and keeps the batch order', async () => {
		sandbox().faults.add({ path: PATH, kind: 'base_resp', code: 1000, times: 1 });
		sandbox().faults.add({ path: PATH, kind: 'http_status', status: 503, times: 1 });
		const output = await storeOutput(
			{ documents: DOCUMENTS },
			{ options: { retryDelayMs: 10, batchSize: 2 } },
		);
		expect(output.vectors).toEqual(DOCUMENTS.map(embedText));
		expect(apiRequests(sandbox(), PATH).map((entry) => entry.fault ?? 'ok')).toEqual([
			'base_resp',
			'http_status',
			'ok',
			'ok',
		]);
	});

	it('gives up after Max Retries', async () => {
		sandbox().faults.add({ path: PATH, kind: 'base_resp', code: 1000, times: Infinity });
		const error = await storeError(
			{ documents: DOCUMENTS },
			{ options: { maxRetries: 1, retryDelayMs: 10 } },
		);
		expect(error.message).toBe('MiniMax: unknown error (1000)');
		expect(errorText(error)).toMatch(/Gave up after 2 attempts/);
		expect(apiRequests(sandbox(), PATH)).toHaveLength(2);
	});

	it('waits out a rate-limit refusal (1002) instead of failing', async () => {
		sandbox().faults.add({ path: PATH, kind: 'rate_limit', times: 1 });
		const output = await storeOutput(
			{ documents: DOCUMENTS, query: 'ships at night' },
			{ options: { retryDelayMs: 10 } },
		);
		expect(output.best).toBe(DOCUMENTS[0]);
		const codes = apiRequests(sandbox(), PATH).map((entry) => entry.baseRespCode);
		expect(codes).toEqual([1002, 0, 0]);
	});

	it('refuses an empty document before any request (n8n-io/n8n#28143)', async () => {
		const error = await storeError({ documents: ['First', '   ', 'Third'] });
		expect(error.message).toBe('Document 2 of 3 is empty: MiniMax cannot embed empty text');
		expect(apiRequests(sandbox())).toHaveLength(0);
	});

	it.each([0, 513, 2.5])('refuses Batch Size %p before any request', async (batchSize) => {
		const error = await storeError({ documents: DOCUMENTS }, { options: { batchSize } });
		// n8n reports errors thrown while supplying the sub-node this way, with the reason below.
		expect(error.message).toBe('Error in sub-node MiniMax Embeddings');
		expect(errorText(error)).toMatch(/Invalid "Batch Size" for item 0: it must be/);
		expect(apiRequests(sandbox())).toHaveLength(0);
	});

	it('never returns a missing or null vector as a result (n8n-io/n8n#16619, lfnovo/esperanto#136)', async () => {
		const vector = embedText('x');
		sandbox().faults.add({ path: PATH, kind: 'replay', body: { vectors: [vector, null, vector] } });
		expect((await storeError({ documents: DOCUMENTS })).message).toBe(
			'MiniMax: the answer has no usable embeddings: vector 2 is empty or missing',
		);
		sandbox().faults.add({ path: PATH, kind: 'replay', body: { vectors: [vector] } });
		expect((await storeError({ documents: DOCUMENTS })).message).toMatch(
			/the answer has 1 vectors for 3 texts$/,
		);
		sandbox().faults.add({
			path: PATH,
			kind: 'replay',
			body: { vectors: null, base_resp: { status_code: 0, status_msg: '' } },
		});
		expect((await storeError({ documents: DOCUMENTS })).message).toMatch(/has no vectors$/);
	});

	it('reads the data[].vector shape a Token Plan host answered (adoresever/graph-memory#66)', async () => {
		const vectors = DOCUMENTS.map(embedText);
		sandbox().faults.add({
			path: PATH,
			kind: 'replay',
			body: {
				data: [
					{ index: 1, vector: vectors[1] },
					{ index: 0, vector: vectors[0] },
					{ index: 2, vector: vectors[2] },
				],
				base_resp: { status_code: 0, status_msg: 'success' },
			},
		});
		expect((await storeOutput({ documents: DOCUMENTS })).vectors).toEqual(vectors);
	});
});
