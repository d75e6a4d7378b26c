import { ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
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

/**
 * Validates an upload's parameters (query string and multipart form fields together), which bypass
 * the global pipe because the body is a file; each problem names its parameter.
 */
export function validateParameters<T extends object>(type: ClassConstructor<T>, raw: Record<string, unknown>, what: string): T {
  const parameters = plainToInstance(type, raw);
  const problems = toProblemDetails(validateSync(parameters, { whitelist: true, forbidNonWhitelisted: true })).map(({ pointer, message }) => ({
    parameter: pointer?.slice(1),
    message,
  }));
  if (problems.length) throw invalid(`Invalid ${what}: ${problems.map((p) => `${p.parameter}: ${p.message}`).join('; ')}`, problems);
  return parameters;
}
