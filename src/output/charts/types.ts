// What a chart shows and where: the input of addCharts. Values are given (they become the chart's cache, which every
// viewer shows before it recalculates); `ref`s link the chart to cells so it follows edits.

export type ChartKind = 'bar' | 'column' | 'line';

export interface ChartSeries {
  name: string;
  /** One value per category; null leaves a gap. */
  values: (number | null)[];
  /** Cells holding the values, e.g. rangeRef('Dashboard', 1, 2, 9); absent: the values are literals in the chart. */
  ref?: string;
  /** Cell holding the name. */
  nameRef?: string;
  /** RRGGBB. */
  color?: string;
}

export interface ChartSpec {
  /** Sheet the chart is drawn on (it must exist in the workbook). */
  sheet: string;
  /** Cells the chart covers: top-left column and row (0-based), and its size in columns and rows. */
  at: { col: number; row: number; cols: number; rows: number };
  /** bar: horizontal bars, categories top to bottom; column: vertical bars; line: one line per series. */
  kind: ChartKind;
  title: string;
  categories: { values: string[]; ref?: string };
  series: ChartSeries[];
  /** Excel number format of the value axis and data labels, e.g. '0%' or '"$"#,##0'. */
  numberFormat?: string;
  valueAxis?: { min?: number; max?: number; majorUnit?: number };
  dataLabels?: boolean;
  /** Default: shown when there is more than one series. */
  legend?: boolean;
  /** BCP 47 language of the chart text, e.g. 'zh-CN' (default 'en-US'). */
  lang?: string;
}
