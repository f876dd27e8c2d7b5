import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { evaluateNarraStreamDir, type NarraStreamReport } from '../../bench/eval/evaluate-narrastream-dir.js';
import { type EvaluateDirOptions, evaluateRunDir } from '../../bench/eval/evaluate-run-dir.js';
import type { EvaluationReport } from '../../bench/eval/evaluation-report.js';
import { type FeatureSetName, featureSetNames } from '../../bench/eval/features/feature-set.js';
import { createOpenAIJudge } from '../../bench/eval/judge/openai-judge.js';
import { InputError } from '../../errors/index.js';
import type { Command, CommandContext } from '../command.js';
import { agreementHelp, runAgreement } from './eval-agreement.js';

const help = `Usage: iamflow eval DIR [options]
       iamflow eval agreement RESULTS_DIR [--json] [--store LOCATION] [--reevaluate]

Scores a video on NarraStream-Bench's three dimensions (quality, temporal, instruction), each 0-100.
DIR is a run folder written by \`iamflow generate\` (run.json + video.mp4, render.jsonl for the oracle) or a
NarraStream-Bench folder (prompt.jsonl + video/sample_{i}.mp4). Metrics read pixels and the script's annotations;
model-free proxies stand in for DINO/CLIP/RAFT and are listed in the output. For videos not made by the
embedded engine, --features human measures identity with real face and person models (@vladmandic/human on
tfjs WebAssembly, offline, loaded only with this flag).

Options:
  --json               print the report as JSON on stdout
  --features SET       embedded (default: model-free pixel proxies) or human (face and person models)
  --judge-url URL      OpenAI-compatible vision judge base URL (default: the embedded pixel judge)
  --judge-model M      judge model name (required with --judge-url)
  --width N            decode frames at this width, 64..1920 (default: the video's, at most 320)
  -h, --help           show this help
${agreementHelp}
Environment:
  IAMFLOW_JUDGE_API_KEY  bearer token for the judge

Examples:
  iamflow eval out/nora
  iamflow eval out/nora --json
  iamflow eval narrastream/ --features human
  iamflow eval narrastream/ --judge-url http://localhost:8000/v1 --judge-model qwen2-vl
  iamflow eval agreement bench/results/smoke
`;

/** `iamflow eval DIR`: evaluation of a run folder or a NarraStream-Bench folder. */
export const evalCommand: Command = {
  name: 'eval',
  summary: 'score a run (or a NarraStream-Bench folder) on quality, temporal and instruction metrics',
  help,
  options: {
    json: { type: 'boolean', default: false },
    features: { type: 'string' },
    'judge-url': { type: 'string' },
    'judge-model': { type: 'string' },
    width: { type: 'string' },
    store: { type: 'string' },
    reevaluate: { type: 'boolean', default: false },
  },
  async run(context: CommandContext): Promise<number> {
    const [dir, ...rest] = context.positionals;
    // A run folder literally named `agreement` is still reachable as ./agreement.
    if (dir === 'agreement') return runAgreement(context);
    for (const flag of ['store', 'reevaluate'] as const) {
      if (context.values[flag] !== undefined && context.values[flag] !== false) {
        throw new InputError([
          {
            code: 'invalid-flag',
            path: [`--${flag}`],
            message: 'only applies to `iamflow eval agreement`',
            hint: 'iamflow eval agreement RESULTS_DIR --store results.sqlite',
          },
        ]);
      }
    }
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
  const features = context.values.features;
  if (typeof features === 'string') {
    if (!(featureSetNames as readonly string[]).includes(features)) {
      throw new InputError([
        {
          code: 'features-invalid',
          path: ['--features', features],
          message: `must be one of ${featureSetNames.join(', ')}`,
          hint: 'iamflow eval narrastream/ --features human',
        },
      ]);
    }
    options.features = features as FeatureSetName;
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
  if (report.features) lines.push(`features: ${formatFeatures(report.features)}`);
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
  lines.push(`features: ${s.features}`);
  for (const sample of report.samples)
    if (sample.report?.features && sample.report.features.name !== 'embedded')
      lines.push(`  sample ${sample.index}: ${formatFeatures(sample.report.features)}`);
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}

/** One line naming the feature set, its library, models and timings. */
function formatFeatures(features: NonNullable<EvaluationReport['features']>): string {
  if (features.library === undefined) return `${features.name} (model-free pixel proxies)`;
  const identities = features.identities === undefined ? '' : `, ${features.identities} face identities`;
  return `${features.name} (${features.library}; models ${features.models?.join(', ')}; ${features.framesAnalysed} frames at ${features.msPerFrame} ms/frame (${features.cpuMsPerFrame} ms CPU), load ${features.loadMs} ms${identities})`;
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}
