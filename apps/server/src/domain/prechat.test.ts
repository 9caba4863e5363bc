import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { answerSurvey, parsePrechatFields } from './prechat.js';

const departments = [
  { id: 'd-sales', name: 'Sales' },
  { id: 'd-support', name: 'Support' },
];
const fields = parsePrechatFields(
  JSON.stringify([
    { id: 'name', kind: 'name', required: true },
    { id: 'email', kind: 'email', required: false },
    { id: 'topic', kind: 'department', required: true },
    { id: 'order', kind: 'text', label: 'Order number', required: false },
  ]),
);

function problems(run: () => unknown): Record<string, string> | undefined {
  try {
    run();
  } catch (err) {
    if (err instanceof AppError) return err.details;
    throw err;
  }
  return undefined;
}

describe('pre-chat survey answers', () => {
  it('keeps answers in survey order with labels, and picks out name, email and department', () => {
    const result = answerSurvey(
      fields,
      { order: ' A-1 ', email: 'ME@Example.com', name: 'Kim', topic: 'd-support', extra: 'x' },
      departments,
    );
    expect(result).toEqual({
      name: 'Kim',
      email: 'me@example.com',
      departmentId: 'd-support',
      answers: [
        { label: 'Name', value: 'Kim' },
        { label: 'Email', value: 'me@example.com' },
        { label: 'Department', value: 'Support' },
        { label: 'Order number', value: 'A-1' },
      ],
    });
  });

  it('takes the department chosen outside the answers', () => {
    const result = answerSurvey(fields, { name: 'Kim' }, departments, 'd-sales');
    expect(result.departmentId).toBe('d-sales');
  });

  it('reports every problem at once, by field', () => {
    expect(
      problems(() => answerSurvey(fields, { email: 'nope', topic: 'd-x' }, departments)),
    ).toEqual({
      'prechat.name': 'required',
      'prechat.email': 'must be an email address',
      'prechat.topic': 'unknown department',
    });
  });

  it('reads a damaged stored survey as none', () => {
    expect(parsePrechatFields('not json')).toEqual([]);
    expect(parsePrechatFields('[{"id":"Bad Id","kind":"name"}]')).toEqual([]);
  });
});
