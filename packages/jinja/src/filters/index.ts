// The table of built-in filters (Jinja2 3.1).
import { HTML_FILTERS } from './html.js';
import { NUMBER_FILTERS } from './numbers.js';
import { SEQUENCE_FILTERS } from './sequences.js';
import { SERIALIZE_FILTERS } from './serialize.js';
import { STRING_FILTERS } from './strings.js';

export const DEFAULT_FILTERS: Record<string, unknown> = {
  ...STRING_FILTERS,
  ...NUMBER_FILTERS,
  ...SEQUENCE_FILTERS,
  ...HTML_FILTERS,
  ...SERIALIZE_FILTERS,
};
