import { PrechatFields, type PrechatAnswer, type PrechatField } from '@parley/protocol';
import { AppError } from '../errors.js';
import { isEmail } from './identity.js';

/** The site's stored survey; a damaged column reads as no survey rather than a broken widget. */
export function parsePrechatFields(json: string): PrechatField[] {
  try {
    const parsed = PrechatFields.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

const DEFAULT_LABELS: Record<Exclude<PrechatField['kind'], 'text'>, string> = {
  name: 'Name',
  email: 'Email',
  department: 'Department',
};

export interface SurveyResult {
  answers: PrechatAnswer[];
  name?: string;
  email?: string;
  departmentId?: string;
}

/**
 * Checks the visitor's answers against the survey: required fields filled, emails that look
 * like emails, departments of this site. Every problem is reported at once, keyed
 * `prechat.<field id>`.
 * Answers to fields the survey does not have are ignored.
 */
export function answerSurvey(
  fields: readonly PrechatField[],
  given: Readonly<Record<string, string>>,
  departments: ReadonlyArray<{ id: string; name: string }>,
  /** A department chosen outside the survey answers (the widget's `departmentId`). */
  chosenDepartmentId?: string,
): SurveyResult {
  const problems: Record<string, string> = {};
  const result: SurveyResult = { answers: [] };
  for (const field of fields) {
    const raw = Object.hasOwn(given, field.id)
      ? (given[field.id] ?? '')
      : field.kind === 'department'
        ? (chosenDepartmentId ?? '')
        : '';
    const value = raw.trim().slice(0, 1000);
    const label = field.label || (field.kind === 'text' ? field.id : DEFAULT_LABELS[field.kind]);
    if (!value) {
      if (field.required) problems[field.id] = 'required';
      continue;
    }
    switch (field.kind) {
      case 'name':
        if (value.length > 100) problems[field.id] = 'at most 100 characters';
        else result.name = value;
        break;
      case 'email': {
        const email = value.toLowerCase();
        if (!isEmail(email)) problems[field.id] = 'must be an email address';
        else {
          result.email = email;
          result.answers.push({ label, value: email });
        }
        continue;
      }
      case 'department': {
        const department = departments.find((d) => d.id === value);
        if (!department) problems[field.id] = 'unknown department';
        else {
          result.departmentId = department.id;
          result.answers.push({ label, value: department.name });
        }
        continue;
      }
      case 'text':
        break;
    }
    if (!problems[field.id]) result.answers.push({ label, value });
  }
  if (Object.keys(problems).length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      'Please check the highlighted fields.',
      Object.fromEntries(Object.entries(problems).map(([id, why]) => [`prechat.${id}`, why])),
    );
  return result;
}
