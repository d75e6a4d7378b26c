import { ApiError } from './api-client';
import { apiFormErrors, hasFieldErrors, mergeErrors } from './form-errors';

const FIELDS = {
  '/name': { field: 'name', label: 'Name' },
  '/match/ruleId': { field: 'ruleId', label: 'Rule id' },
  '/repositoryPatterns': { field: 'patterns', label: 'Repository patterns' },
} as const;

describe(apiFormErrors.name, () => {
  it('puts each pointer under its field, reading as a sentence', () => {
    const error = new ApiError(400, {
      detail: 'Invalid request',
      errors: [
        { pointer: '/name', message: '/name must not be blank' },
        { pointer: '/match/ruleId', message: '/match/ruleId must be shorter than or equal to 500 characters' },
        { pointer: '/repositoryPatterns/1', message: '/repositoryPatterns/1 must be longer than or equal to 1 characters' },
      ],
    });
    const sut = apiFormErrors(error, FIELDS);
    expect(sut.fields).toEqual({
      name: 'Name must not be blank',
      ruleId: 'Rule id must be shorter than or equal to 500 characters',
      patterns: 'Repository patterns must be longer than or equal to 1 characters',
    });
    expect(sut.general).toEqual([]);
  });

  it('keeps the detail of an answer about no field, such as a 403', () => {
    const sut = apiFormErrors(new ApiError(403, { title: 'Forbidden', detail: 'Your role may not do this' }), FIELDS);
    expect(sut).toEqual({ fields: {}, general: ['Your role may not do this'] });
  });

  it('has nothing to say without an error', () => {
    expect(apiFormErrors(null, FIELDS)).toEqual({ fields: {}, general: [] });
  });
});

describe(mergeErrors.name, () => {
  it('prefers the check made before sending', () => {
    const sut = mergeErrors<'name'>({ name: 'Give a name' }, { fields: { name: 'Name must not be blank' }, general: [] });
    expect(sut.fields.name).toBe('Give a name');
    expect(hasFieldErrors(sut.fields)).toBe(true);
    expect(hasFieldErrors({ name: undefined })).toBe(false);
  });
});
