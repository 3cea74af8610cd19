// 输出在核心句子之外补充的文字（并入 zh.ts）。
import type { enSteps } from './en-steps.js';

export const zhSteps = (): { readonly [K in keyof typeof enSteps]: string } => ({
  'note.target': '目标：{from}',
  'note.notInScheme': '方案中没有此指标',
  'rows.part.numerator': '分子',
  'rows.part.denominator': '分母',
});
