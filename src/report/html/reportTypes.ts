/**
 * What an HTML report shows, as plain data (built by reportModel.ts / sweepReport.ts, drawn by the
 * client script with uPlot). Times on time charts are seconds since the Unix epoch.
 */
export interface Card {
  readonly label: string;
  /** The summary path the figure comes from (the browser test checks it against the file). */
  readonly metric: string;
  readonly value: number;
  readonly text: string;
  readonly note?: string;
}

export interface Series {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly style?: 'line' | 'step' | 'points';
  /** For error bars: the interval around each value. */
  readonly low?: readonly (number | null)[];
  readonly high?: readonly (number | null)[];
}

export interface Marker {
  readonly x: number;
  readonly kind: 'interruption' | 'scaling' | 'deployment' | 'timeline';
  readonly label: string;
}

export interface Chart {
  readonly id: string;
  readonly title: string;
  readonly time: boolean;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly x: readonly number[];
  readonly series: readonly Series[];
  readonly markers: readonly Marker[];
}

export interface Table {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  readonly note?: string | undefined;
}

export interface ReportModel {
  readonly title: string;
  readonly subtitle: string;
  readonly cards: readonly Card[];
  readonly charts: readonly Chart[];
  readonly tables: readonly Table[];
}
