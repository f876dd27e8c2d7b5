import { describe, expect, it } from 'vitest';
import type { CausalVideoEngineV1 } from '../engine.js';
import { createMiniEngine } from '../mini/mini-engine.js';
import { createEngineApp } from './create-engine-app.js';

const json = (body: unknown, token?: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

describe('createEngineApp', () => {
  it('answers every refusal as { error: { code, message, hint } } with its status', async () => {
    const { app, sessions } = createEngineApp({
      createEngine: () => createMiniEngine({ width: 32, height: 18 }),
      token: 'sesame',
      maxSessions: 1,
      maxBodyBytes: 2048,
    });
    expect(await (await app.request('/v1/health')).json()).toEqual({
      protocol: 'iamflow-engine/1',
      sessions: 0,
    });
    const table: Array<[Response, number, string]> = [
      [await app.request('/v1/sessions', json({})), 401, 'unauthorized'],
      [await app.request('/v1/sessions', json({}, 'wrong')), 401, 'unauthorized'],
      [await app.request('/v1/sessions', json({ width: 'wide' }, 'sesame')), 400, 'invalid-request'],
      [await app.request('/v1/sessions', json({ text: 'x'.repeat(4000) }, 'sesame')), 413, 'body-too-large'],
      [
        await app.request('/v1/sessions/nope/costs', { headers: { authorization: 'Bearer sesame' } }),
        404,
        'unknown-session',
      ],
      [
        await app.request('/v1/nowhere', { headers: { authorization: 'Bearer sesame' } }),
        404,
        'unknown-route',
      ],
    ];
    for (const [response, status, code] of table) {
      expect(response.status, code).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code, message: expect.any(String) } });
    }
    const opened = await app.request('/v1/sessions', json({}, 'sesame'));
    expect(opened.status).toBe(201);
    const full = await app.request('/v1/sessions', json({}, 'sesame'));
    expect(full.status).toBe(429);
    expect(await full.json()).toMatchObject({
      error: { code: 'too-many-sessions', hint: expect.any(String) },
    });
    await sessions.closeAll();
  });

  it('releases a session nobody called for sessionIdleMs', async () => {
    const { app, sessions } = createEngineApp({
      createEngine: () => createMiniEngine({ width: 32, height: 18 }),
      sessionIdleMs: 30,
    });
    const { session } = (await (await app.request('/v1/sessions', json({}))).json()) as { session: string };
    expect((await app.request(`/v1/sessions/${session}`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect((await app.request(`/v1/sessions/${session}`)).status).toBe(404);
    await sessions.closeAll();
  });

  it('refuses frames in a format it does not produce', async () => {
    const { app, sessions } = createEngineApp({
      createEngine: () => createMiniEngine({ width: 32, height: 18 }),
    });
    const { session } = (await (await app.request('/v1/sessions', json({}))).json()) as { session: string };
    const response = await app.request(`/v1/sessions/${session}/chunks/0/frames`, {
      headers: { accept: 'video/mp4' },
    });
    expect(response.status).toBe(406);
    expect(await response.json()).toMatchObject({ error: { code: 'unsupported-media-type' } });
    await sessions.closeAll();
  });

  it('takes a start image on chunk 0 of an image-to-video session only, naming the field', async () => {
    const { app, sessions } = createEngineApp({
      createEngine: ({ options }) => {
        const engine = createMiniEngine({ width: 32, height: 18 });
        // the same engine without the ability
        return options?.blind
          ? ({ ...engine, info: { ...engine.info, imageToVideo: false } } as CausalVideoEngineV1)
          : engine;
      },
    });
    const open = async (body: unknown) => {
      const reply = (await (await app.request('/v1/sessions', json(body))).json()) as {
        session: string;
        abilities: { imageToVideo: boolean };
      };
      return reply;
    };
    const picture = { width: 2, height: 2, rgb24: Buffer.alloc(12, 90).toString('base64') };
    const generate = (session: string, extra: object) =>
      app.request(
        `/v1/sessions/${session}/chunks`,
        json({ prompt: { id: 'x', text: 'Nora walks in the park.' }, ...extra }),
      );
    const able = await open({});
    const blind = await open({ options: { blind: true } });
    expect([able.abilities.imageToVideo, blind.abilities.imageToVideo]).toEqual([true, false]);

    const short = await generate(able.session, { startImage: { ...picture, width: 3 } });
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({
      error: { code: 'invalid-request', message: expect.stringMatching(/startImage\.rgb24/) },
    });
    const refused = await generate(blind.session, { startImage: picture });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { code: 'unsupported', hint: expect.stringMatching(/imageToVideo/) },
    });
    expect((await generate(able.session, { startImage: picture })).status).toBe(200);
    const late = await generate(able.session, { startImage: picture });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ error: { code: 'start-image-not-first' } });
    await sessions.closeAll();
  });
});
