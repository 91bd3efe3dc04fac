// How a form field is typed on a phone, and how its problems read. The rules themselves live in
// citizen-protocol (forms::validate), which the core runs before queuing; nothing is checked twice.
import type { FieldError } from './generated/FieldError';
import type { FieldKind } from './generated/FieldKind';
import type { FileType } from './generated/FileType';
import { t } from './locale.svelte';

type InputMode = 'text' | 'numeric' | 'tel' | 'decimal';

/** The HTML input for a non-file, non-choice field: the right keyboard on a phone. */
export function inputKind(kind: FieldKind): { type: string; inputmode: InputMode } {
  switch (kind.type) {
    case 'number':
      return { type: 'text', inputmode: 'numeric' };
    case 'date':
      return { type: 'date', inputmode: 'text' };
    case 'personal-number':
      return { type: 'text', inputmode: 'numeric' };
    case 'phone':
      return { type: 'tel', inputmode: 'tel' };
    default:
      return { type: 'text', inputmode: 'text' };
  }
}

const MEDIA_TYPES: Record<FileType, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
};

/** The `accept` attribute: the file picker offers what the field takes (the core checks content). */
export function fileAccept(types: FileType[]): string {
  return types.map((type) => MEDIA_TYPES[type]).join(',');
}

/** The resident-facing text of one field's problem (`form-problem-<problem>` in the .ftl files). */
export function fieldProblemText(error: FieldError): string {
  const key = `form-problem-${error.problem}`;
  switch (error.problem) {
    case 'too-long':
    case 'too-many-files':
      return t(key, { max: error.max });
    case 'out-of-range':
      return t(key, { min: error.min, max: error.max });
    case 'file-too-large':
      return t(key, { maxMb: Math.round(error.maxBytes / 1024 / 1024) });
    default:
      return t(key);
  }
}
