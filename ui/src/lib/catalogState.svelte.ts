// The catalogue screen's state lives here, outside the component, so that going to a procedure and
// back keeps the query and the list exactly as the resident left them.
import type { ErrorBody } from './generated/ErrorBody';
import type { ProcedureSummary } from './generated/ProcedureSummary';

export const catalogState = $state<{
  /** What is in the search box. */
  query: string;
  /** The query the shown results answer (null before the first answer). */
  answered: string | null;
  results: ProcedureSummary[];
  loading: boolean;
  error: ErrorBody | null;
}>({ query: '', answered: null, results: [], loading: false, error: null });
