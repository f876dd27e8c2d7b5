// The layer rules of iamflow, checked by `npm run deps` (part of `npm test`). docs/architecture.md explains them.
// Paths are regular expressions over paths from the repository root.

/** The folders directly under src/ that a layer may not import from, as one expression. */
const folders = (...names) => `^src/(${names.join('|')})(/|\\.ts$)`;

/** Packages in node_modules, as one expression. */
const heavy = (...names) => `node_modules/(${names.join('|')})/`;

/** Production code: tests, case suites and fixtures may reach across layers to set up their inputs. */
const productionCode = { path: '^src/', pathNot: ['\\.test\\.ts$', '\\.case\\.ts$', '/__fixtures__/'] };

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'No import cycle between files.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      comment: 'No import cycle between folders (a folder counts every file below it).',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'bottom-layers-stand-alone',
      comment: 'reference and errors are the bottom: they import nothing else from src/.',
      severity: 'error',
      from: { path: '^src/(reference|errors)/' },
      to: { path: '^src/', pathNot: '^src/$1/' },
    },
    {
      name: 'frame-on-bottom-only',
      comment: 'frame (VideoFrame, colour names, PNG) stands on reference and errors only.',
      severity: 'error',
      from: { ...productionCode, path: '^src/frame/' },
      to: { path: '^src/', pathNot: '^src/(frame|errors|reference)/' },
    },
    {
      name: 'entities-on-bottom-only',
      comment: 'entities (the registry and its vocabulary) stands on reference, errors and frame only.',
      severity: 'error',
      from: { ...productionCode, path: '^src/entities/' },
      to: { path: '^src/', pathNot: '^src/(entities|errors|frame|reference)/' },
    },
    {
      name: 'engine-isolated',
      comment:
        'The engine sees only prompts and its own context (DESIGN.md): nothing from the agents, memory, ' +
        'the loop, the bench, scripts, the run layer or the front ends.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: {
        path: folders('agents', 'memory', 'pipeline', 'bench', 'script', 'run', 'cli', 'server', 'vision'),
      },
    },
    {
      name: 'eval-without-agents-or-memory',
      comment: 'The evaluator reads pixels and annotations, never the agents, their registry or memory.',
      severity: 'error',
      from: { path: '^src/bench/eval/' },
      to: { path: folders('agents', 'entities', 'memory') },
    },
    {
      name: 'eval-features-independent',
      comment:
        'The model-based eval features read frames and annotations only: no agents, vision, engine or memory.',
      severity: 'error',
      from: { path: '^src/bench/eval/features/' },
      to: { path: folders('agents', 'vision', 'engine', 'entities', 'memory') },
    },
    {
      name: 'human-features-lazy',
      comment:
        'tfjs and Human load only with `--features human`: src/bench/eval/features/human/ is reached by a ' +
        'dynamic import (type imports aside), never by a static one.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/bench/eval/features/human/' },
      to: { path: '^src/bench/eval/features/human/', dependencyTypesNot: ['dynamic-import', 'type-only'] },
    },
    {
      name: 'verifier-without-engine-palette',
      comment:
        'The pixel verifier names colours from a general table (CSS colours in CIELAB, src/vision/color-words.ts), ' +
        'never from the palette the miniature engine paints with (src/frame/color-names.ts).',
      severity: 'error',
      from: { path: '^src/(vision|agents)/' },
      to: { path: '^src/frame/color-names\\.ts$' },
    },
    {
      name: 'eval-independent-of-agents-and-engine',
      comment:
        'The evaluator is an independent instrument (issue 11): it shares no code with the pixel verifier ' +
        '(src/vision, src/agents) and nothing with the engine but the render-record reader the oracle uses ' +
        '(engine.ts types and mini/appearance.ts); colour names come from its own CSS table in CIELAB, not the ' +
        "engine's palette (src/frame/color-names.ts).",
      severity: 'error',
      from: { ...productionCode, path: '^src/bench/eval/' },
      to: {
        path: [folders('vision', 'agents', 'engine'), '^src/frame/color-names\\.ts$'],
        pathNot: '^src/engine/(engine|mini/appearance)\\.ts$',
      },
    },
    {
      name: 'agents-without-policies',
      comment: 'The agents extract and verify; the memory policies use them, never the other way round.',
      severity: 'error',
      from: { path: '^src/agents/' },
      to: { path: folders('memory') },
    },
    {
      name: 'only-bin-imports-cli',
      comment: 'The CLI is a front end: the library and the server never import it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-dev-scripts-in-src',
      comment: 'Developer scripts live in scripts/ or bench/, out of dist; src/ never imports them.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(scripts|bench)/' },
    },
    {
      name: 'light-core',
      comment:
        'The core entries load no SQLite, canvas or NLP library (package.json exports): they come only with ' +
        'iamflow/engine, /memory, /agents, /eval and /bench.',
      severity: 'error',
      from: {
        path: '^src/(index|script/index|pipeline/index|entities/index|errors/index|reference/index)\\.ts$',
      },
      to: { path: heavy('better-sqlite3', '@napi-rs/canvas', 'compromise'), reachable: true },
    },
    {
      name: 'light-engine-and-eval',
      comment: 'iamflow/engine and iamflow/eval load no SQLite and no NLP library.',
      severity: 'error',
      from: { path: '^src/(engine|bench/eval)/index\\.ts$' },
      to: { path: heavy('better-sqlite3', 'compromise'), reachable: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Tests are leaves: they may set up their inputs from any layer, and nothing imports them.
    exclude: { path: ['^(dist|node_modules)/', '\\.test\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
