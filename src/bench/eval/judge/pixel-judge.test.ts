import { runJudgeCases } from './judge.case.js';
import { createPixelJudge } from './pixel-judge.js';

runJudgeCases({ name: 'pixel', createJudge: () => createPixelJudge() });
