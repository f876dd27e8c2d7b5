/** One named series of a chart; null values are gaps. */
export interface ChartSeries {
  name: string;
  color: string;
  values: (number | null)[];
}

/** Options shared by the charts. */
export interface ChartOptions {
  title: string;
  /** Label of the value axis. */
  yLabel: string;
  /** Top of the value axis; default: the largest value rounded up to a nice step. */
  yMax?: number;
  width?: number;
  height?: number;
  /** Digits printed on bar labels. Default 1. */
  digits?: number;
}

/** Colours of the policies, fixed so every plot agrees. Unknown names cycle through the rest. */
const policyColors: Record<string, string> = {
  'self-forcing': '#8c8c8c',
  longlive: '#4e79a7',
  memflow: '#f28e2b',
  iamflow: '#c0392b',
};
const spareColors = ['#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#9c755f'];

/** A stable colour per policy name. */
export function colorOf(name: string, index: number): string {
  return policyColors[name] ?? spareColors[index % spareColors.length]!;
}

/** Escapes text for HTML and SVG. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function niceMax(values: readonly (number | null)[]): number {
  const top = Math.max(1e-9, ...values.filter((value): value is number => value !== null));
  const magnitude = 10 ** Math.floor(Math.log10(top));
  const step = [1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= top)! * magnitude;
  return step;
}

function ticks(max: number): number[] {
  return Array.from({ length: 6 }, (_, index) => (max * index) / 5);
}

function formatTick(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 1 ? 2 : 1);
}

interface Frame {
  left: number;
  top: number;
  plotWidth: number;
  plotHeight: number;
  max: number;
  y: (value: number) => number;
}

function frame(options: ChartOptions, max: number, legendRows: number): { frame: Frame; parts: string[] } {
  const width = options.width ?? 720;
  const height = options.height ?? 320;
  const left = 56;
  const top = 36 + legendRows * 18;
  const plotWidth = width - left - 16;
  const plotHeight = height - top - 44;
  const y = (value: number) => top + plotHeight - (Math.min(value, max) / max) * plotHeight;
  const parts = [
    `<text x="${width / 2}" y="20" text-anchor="middle" class="chart-title">${escapeXml(options.title)}</text>`,
    `<text transform="translate(14 ${top + plotHeight / 2}) rotate(-90)" text-anchor="middle" class="axis-label">${escapeXml(options.yLabel)}</text>`,
  ];
  for (const tick of ticks(max)) {
    parts.push(
      `<line x1="${left}" x2="${left + plotWidth}" y1="${y(tick)}" y2="${y(tick)}" class="grid"/>`,
      `<text x="${left - 6}" y="${y(tick) + 4}" text-anchor="end" class="tick">${formatTick(tick)}</text>`,
    );
  }
  parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotHeight}" class="axis"/>`);
  return { frame: { left, top, plotWidth, plotHeight, max, y }, parts };
}

function legend(series: readonly ChartSeries[], width: number): string[] {
  const parts: string[] = [];
  let x = 56;
  let row = 0;
  for (const item of series) {
    const itemWidth = 24 + item.name.length * 7.5;
    if (x + itemWidth > width - 8) {
      x = 56;
      row++;
    }
    const y = 34 + row * 18;
    parts.push(
      `<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${item.color}"/>`,
      `<text x="${x + 16}" y="${y}" class="legend">${escapeXml(item.name)}</text>`,
    );
    x += itemWidth;
  }
  return parts;
}

function legendRows(series: readonly ChartSeries[], width: number): number {
  let x = 56;
  let rows = 1;
  for (const item of series) {
    const itemWidth = 24 + item.name.length * 7.5;
    if (x + itemWidth > width - 8) {
      x = 56;
      rows++;
    }
    x += itemWidth;
  }
  return rows;
}

function svg(options: ChartOptions, parts: string[]): string {
  const width = options.width ?? 720;
  const height = options.height ?? 320;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${escapeXml(options.title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

/**
 * Grouped bars: one group per category, one bar per series, value printed above each bar.
 *
 * @example
 * groupedBarChart(['Quality', 'Temporal'], [{ name: 'memflow', color: '#f28e2b', values: [80, 60] }], { title: 'Scores', yLabel: 'score', yMax: 100 });
 */
export function groupedBarChart(
  categories: readonly string[],
  series: readonly ChartSeries[],
  options: ChartOptions,
): string {
  const width = options.width ?? 720;
  const rows = series.length > 1 ? legendRows(series, width) : 0;
  const max = options.yMax ?? niceMax(series.flatMap((item) => item.values));
  const { frame: f, parts } = frame(options, max, rows);
  if (series.length > 1) parts.push(...legend(series, width));
  const groupWidth = f.plotWidth / Math.max(1, categories.length);
  const barWidth = Math.min(48, (groupWidth * 0.8) / Math.max(1, series.length));
  const digits = options.digits ?? 1;
  for (const [index, category] of categories.entries()) {
    const center = f.left + groupWidth * (index + 0.5);
    const start = center - (barWidth * series.length) / 2;
    for (const [seriesIndex, item] of series.entries()) {
      const value = item.values[index];
      if (value === null || value === undefined) continue;
      const x = start + seriesIndex * barWidth;
      const y = f.y(value);
      parts.push(
        `<rect x="${x + 1}" y="${y}" width="${barWidth - 2}" height="${f.top + f.plotHeight - y}" fill="${item.color}"><title>${escapeXml(`${item.name} ${category}: ${value.toFixed(digits)}`)}</title></rect>`,
        `<text x="${x + barWidth / 2}" y="${y - 3}" text-anchor="middle" class="bar-value">${value.toFixed(digits)}</text>`,
      );
    }
    parts.push(
      `<text x="${center}" y="${f.top + f.plotHeight + 18}" text-anchor="middle" class="tick">${escapeXml(category)}</text>`,
    );
  }
  parts.push(
    `<line x1="${f.left}" x2="${f.left + f.plotWidth}" y1="${f.top + f.plotHeight}" y2="${f.top + f.plotHeight}" class="axis"/>`,
  );
  return svg(options, parts);
}

/**
 * Lines over a discrete x axis (segments), with markers; gaps where a value is null; shaded columns mark
 * `highlight` positions (e.g. segments where a character is on screen).
 */
export function lineChart(
  xLabels: readonly string[],
  series: readonly ChartSeries[],
  options: ChartOptions & { xLabel: string; highlight?: readonly number[] },
): string {
  const width = options.width ?? 360;
  const rows = legendRows(series, width);
  const max = options.yMax ?? niceMax(series.flatMap((item) => item.values));
  const { frame: f, parts } = frame({ ...options, width }, max, rows);
  parts.push(...legend(series, width));
  const step = f.plotWidth / Math.max(1, xLabels.length);
  const x = (index: number) => f.left + step * (index + 0.5);
  for (const index of options.highlight ?? []) {
    parts.push(
      `<rect x="${f.left + step * index}" y="${f.top}" width="${step}" height="${f.plotHeight}" class="highlight"/>`,
    );
  }
  for (const [index, label] of xLabels.entries()) {
    parts.push(
      `<text x="${x(index)}" y="${f.top + f.plotHeight + 16}" text-anchor="middle" class="tick">${escapeXml(label)}</text>`,
    );
  }
  parts.push(
    `<line x1="${f.left}" x2="${f.left + f.plotWidth}" y1="${f.top + f.plotHeight}" y2="${f.top + f.plotHeight}" class="axis"/>`,
    `<text x="${f.left + f.plotWidth / 2}" y="${f.top + f.plotHeight + 34}" text-anchor="middle" class="axis-label">${escapeXml(options.xLabel)}</text>`,
  );
  for (const item of series) {
    let path = '';
    let pen = false;
    for (const [index, value] of item.values.entries()) {
      if (value === null) {
        pen = false;
        continue;
      }
      path += `${pen ? 'L' : 'M'}${x(index).toFixed(1)} ${f.y(value).toFixed(1)}`;
      pen = true;
      parts.push(
        `<circle cx="${x(index)}" cy="${f.y(value)}" r="3.5" fill="${item.color}"><title>${escapeXml(`${item.name} ${xLabels[index]}: ${value.toFixed(1)}`)}</title></circle>`,
      );
    }
    if (path) parts.push(`<path d="${path}" fill="none" stroke="${item.color}" stroke-width="2"/>`);
  }
  return svg({ ...options, width }, parts);
}
