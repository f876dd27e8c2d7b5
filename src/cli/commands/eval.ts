import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { evaluateNarraStreamDir, type NarraStreamReport } from '../../bench/eval/evaluate-narrastream-dir.js';
import { type EvaluateDirOptions, evaluateRunDir } from '../../bench/eval/evaluate-run-dir.js';
import type { EvaluationReport } from '../../bench/eval/evaluation-report.js';
import { createOpenAIJudge } from '../../bench/eval/judge/openai-judge.js';
import { InputError } from '../../errors/index.js';
import type { Command, CommandContext } from '../command.js';

const help = `Usage: iamflow eval DIR [options]

Scores a video on NarraStream-Bench's three dimensions (quality, temporal, instruction), each 0-100.
DIR is a run folder written by \`iamflow generate\` (run.json + video.mp4, render.jsonl for the oracle) or a
NarraStream-Bench folder (prompt.jsonl + video/sample_{i}.mp4). Metrics read pixels and the script's annotations;
model-free proxies stand in for DINO/CLIP/RAFT and are listed in the output.

Options:
  --json               print the report as JSON on stdout
  --judge-url URL      OpenAI-compatible vision judge base URL (default: the embedded pixel judge)
  --judge-model M      judge model name (required with --judge-url)
  --width N            decode frames at this width, 64..1920 (default: the video's, at most 320)
  -h, --help           show this help

Environment:
  IAMFLOW_JUDGE_API_KEY  bearer token for the judge

Examples:
  iamflow eval out/nora
  iamflow eval out/nora --json
  iamflow eval narrastream/ --judge-url http://localhost:8000/v1 --judge-model qwen2-vl
`;

/** `iamflow eval DIR`: evaluation of a run folder or a NarraStream-Bench folder. */
export const evalCommand: Command = {
  name: 'eval',
  summary: 'score a run (or a NarraStream-Bench folder) on quality, temporal and instruction metrics',
  help,
  options: {
    json: { type: 'boolean', default: false },
    'judge-url': { type: 'string' },
    'judge-model': { type: 'string' },
    width: { type: 'string' },
  },
  async run(context: CommandContext): Promise<number> {
    const [dir, ...rest] = context.positionals;
    if (dir === undefined || rest.length > 0) {
      throw new InputError([
        {
          code: 'usage',
          path: ['DIR'],
          message: dir === undefined ? 'give one folder to evaluate' : 'give only one folder',
          hint: 'iamflow eval out/nora',
        },
      ]);
    }
    const options = parseOptions(context);
    const absolute = resolve(context.cwd, dir);
    const info = await stat(absolute).catch(() => undefined);
    if (!info?.isDirectory()) {
      throw new InputError([
        { code: 'not-a-folder', path: [dir], message: info ? 'is not a folder' : 'no such folder' },
      ]);
    }
    const isRun = await exists(join(absolute, 'run.json'));
    if (!isRun && (await exists(join(absolute, 'prompt.jsonl')))) {
      const report = await evaluateNarraStreamDir(absolute, options);
      context.stdout.write(
        context.values.json ? `${JSON.stringify(report, null, 2)}\n` : formatBatch(report),
      );
      return report.summary.scored === 0 ? 1 : 0;
    }
    const report = await evaluateRunDir(absolute, options);
    context.stdout.write(context.values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return 0;
  },
};

function parseOptions(context: CommandContext): EvaluateDirOptions {
  const options: EvaluateDirOptions = {};
  const url = context.values['judge-url'];
  const model = context.values['judge-model'];
  if (typeof url === 'string' || typeof model === 'string') {
    if (typeof url !== 'string' || typeof model !== 'string') {
      throw new InputError([
        {
          code: 'judge-incomplete',
          path: [typeof url === 'string' ? '--judge-model' : '--judge-url'],
          message: 'is required with the other judge flag',
        },
      ]);
    }
    if (!/^https?:\/\//.test(url)) {
      throw new InputError([
        { code: 'judge-url-invalid', path: ['--judge-url', url], message: 'is not an http(s) URL' },
      ]);
    }
    const apiKey = context.env.IAMFLOW_JUDGE_API_KEY;
    options.judge = createOpenAIJudge({ baseURL: url, model, ...(apiKey && { apiKey }) });
  }
  const width = context.values.width;
  if (typeof width === 'string') {
    const value = Number(width);
    if (!Number.isInteger(value) || value < 64 || value > 1920) {
      throw new InputError([
        {
          code: 'width-invalid',
          path: ['--width', width],
          message: 'must be a whole number from 64 to 1920',
        },
      ]);
    }
    options.width = value;
  }
  return options;
}

/** A readable table of one report. */
export function formatReport(report: EvaluationReport): string {
  const lines = [`total        ${report.total.toFixed(2)}`];
  for (const [dimension, value] of Object.entries(report.dimensions))
    lines.push(`${dimension.padEnd(12)} ${value.toFixed(2)}`);
  lines.push('', 'metric                  pixel   oracle');
  for (const [name, value] of Object.entries(report.metrics)) {
    const oracle = report.oracle?.metrics[name as keyof NonNullable<EvaluationReport['oracle']>['metrics']];
    lines.push(
      `${name.padEnd(22)} ${value.toFixed(2).padStart(6)}  ${oracle === undefined ? '' : oracle.toFixed(2).padStart(6)}`,
    );
  }
  lines.push('', `judge: ${report.judge}`);
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}

function formatBatch(report: NarraStreamReport): string {
  const lines = ['sample  total    quality  temporal  instruction'];
  for (const sample of report.samples) {
    const r = sample.report;
    lines.push(
      r
        ? `${String(sample.index).padEnd(7)} ${r.total.toFixed(2).padStart(6)}  ${r.dimensions.quality.toFixed(2).padStart(7)}  ${r.dimensions.temporal.toFixed(2).padStart(8)}  ${r.dimensions.instruction.toFixed(2).padStart(11)}`
        : `${String(sample.index).padEnd(7)} error: ${sample.error?.message}`,
    );
  }
  const s = report.summary;
  lines.push(
    '',
    `scored ${s.scored}, failed ${s.failed}; mean total ${s.total.toFixed(2)} (quality ${s.dimensions.quality.toFixed(2)}, temporal ${s.dimensions.temporal.toFixed(2)}, instruction ${s.dimensions.instruction.toFixed(2)})`,
  );
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}
