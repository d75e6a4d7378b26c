import { ValidationError, ValidationPipe } from '@nestjs/common';
import { invalid, ProblemDetail } from './domain-error';

/** Flattens class-validator's tree into one entry per bad field, each with a JSON pointer to it. */
export function toProblemDetails(errors: ValidationError[], parent = ''): ProblemDetail[] {
  return errors.flatMap((error) => {
    const pointer = `${parent}/${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ pointer, message: message.replace(error.property, pointer) }));
    return [...own, ...toProblemDetails(error.children ?? [], pointer)];
  });
}

/** Rejects unknown fields, converts query strings to their declared types, and reports every bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = toProblemDetails(errors);
      const summary = details.slice(0, 3).map((d) => `${d.pointer}: ${d.message}`).join('; ');
      return invalid(`Invalid request: ${summary}${details.length > 3 ? ` (and ${details.length - 3} more)` : ''}`, details);
    },
  });
}
