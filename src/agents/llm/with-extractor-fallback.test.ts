import { afterAll, beforeAll, describe } from 'vitest';
import { type ChatServer, startChatServer } from '../../../test/chat-server.js';
import { runExtractorCases } from './extractor.case.js';
import { createOpenAIExtractor } from './openai/create-openai-extractor.js';
import { createRulesExtractor } from './rules/create-rules-extractor.js';
import { withExtractorFallback } from './with-extractor-fallback.js';

describe('an extractor whose primary is down', () => {
  let down: ChatServer;
  beforeAll(async () => {
    down = await startChatServer(() => ({ status: 503, body: 'overloaded' }));
  });
  afterAll(() => down.close());

  // The fallback answers every case, so the wrapped port keeps the contract too.
  runExtractorCases({
    name: 'openai (503) + rules fallback',
    createExtractor: () =>
      withExtractorFallback(
        createOpenAIExtractor({ baseURL: down.baseURL, model: 'test-model', maxRetries: 0 }),
        createRulesExtractor(),
      ),
  });
});
