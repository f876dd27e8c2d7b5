import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOfType } from '../../memory/memory-event.js';
import { runJsonSchema } from '../../pipeline/run-json.js';
import { runCli, scriptFolder } from '../__fixtures__/cli-harness.js';

describe('iamflow generate: agent providers', () => {
  const calls: string[] = [];
  const server = createServer((request, response) => {
    calls.push(request.url ?? '');
    response.writeHead(400, { 'content-type': 'application/json' });
    response.end('{"error":{"message":"model not loaded"}}');
  });
  let url = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('records the LLM fallback to rules in run.json when the endpoint fails', async () => {
    const { dir, script } = scriptFolder();
    const out = join(dir, 'out');
    const args = [
      'generate',
      script,
      '--out',
      out,
      '--policy',
      'iamflow',
      '--llm-url',
      url,
      '--llm-model',
      'm',
    ];
    const { code, stderr } = await runCli(args, { cwd: dir });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(calls.filter((path) => path === '/v1/chat/completions')).toHaveLength(2);
    const run = runJsonSchema.parse(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')));
    expect(run.policy.settings.llm).toEqual({ provider: 'openai+rules', model: 'm' });
    const extractions = eventsOfType(run.memoryEvents, 'entity-extract');
    expect(extractions).toHaveLength(2);
    for (const event of extractions)
      expect(event.warnings?.[0]).toMatchObject({ type: 'fallback', fallback: true });
  });

  it('refuses agent flags with a policy that has no agents', async () => {
    const { dir, script } = scriptFolder();
    const args = ['generate', script, '--out', join(dir, 'o'), '--policy', 'longlive', '--llm-url', url];
    const { code, stderr } = await runCli(args, { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain("--llm-url: only applies to --policy iamflow, not 'longlive'");
  });
});
