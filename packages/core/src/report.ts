/** Shared result model; the renderer itself lands with the core issue. */
export type GateStatus = 'pass' | 'fail' | 'warn' | 'skip';

/** One row of the table every action reports (check run, job summary, PR comment, chat). */
export interface ResultRow {
  name: string;
  status: GateStatus;
  /** One line, shown in the table. */
  summary: string;
  /** Longer markdown shown under the table. */
  details?: string;
}

/** A check-run annotation, in the REST API's shape. */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
}
