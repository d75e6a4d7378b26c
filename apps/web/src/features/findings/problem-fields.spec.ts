import { ApiError } from '../../lib/api-client';
import { fieldErrors } from './problem-fields';

const labels = { findingClass: 'Class', reason: 'Reason' };

describe(fieldErrors.name, () => {
  it('puts each message beside its field, in words', () => {
    const error = new ApiError(400, {
      detail: 'Invalid request',
      errors: [
        { pointer: '/reason', message: '/reason must not be blank' },
        { pointer: '/reason', message: '/reason must not be blank' },
        { pointer: '/findingClass', message: 'must be design, pattern or unclassified' },
        { pointer: '/other', message: '/other should not exist' },
      ],
    });
    expect(fieldErrors(error, labels)).toEqual({
      fields: { reason: ['Reason must not be blank'], findingClass: ['must be design, pattern or unclassified'] },
      general: ['/other: /other should not exist'],
    });
  });

  it('shows the detail of a problem without field errors, and any other error by its message', () => {
    expect(fieldErrors(new ApiError(404, { detail: 'Finding f1 does not exist' }), labels)).toEqual({ fields: {}, general: ['Finding f1 does not exist'] });
    expect(fieldErrors(new Error('offline'), labels).general).toEqual(['offline']);
  });
});
