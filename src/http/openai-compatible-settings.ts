import type { ProviderHttpSettings } from './provider-http-settings.js';

/** Settings of every client of an OpenAI-compatible `/chat/completions` endpoint: the shared HTTP settings + a model. */
export interface OpenAICompatibleSettings extends ProviderHttpSettings {
  /** Model name as the server knows it. */
  model: string;
}

/** The `/chat/completions` URL of a base URL. */
export function chatCompletionsUrl(settings: Pick<OpenAICompatibleSettings, 'baseURL'>): string {
  return `${settings.baseURL.replace(/\/+$/, '')}/chat/completions`;
}
