import { getSchemaPath, type ApiResponseNoStatusOptions } from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { CONTENT_TYPES } from './export.dto';
import { FindingResponse } from '../findings/finding.dto';

/**
 * The OpenAPI side of a download: which media types it comes in and what each holds (docs/exports.md
 * names the columns). CSV is text, XLSX a binary workbook, JSON the metric API's own answer.
 */
export function tableDownload(description: string, json: SchemaObject | ReferenceObject): ApiResponseNoStatusOptions {
  return {
    description,
    content: {
      'text/csv': { schema: { type: 'string', description: 'The first table, a header row then one row per record' } },
      [CONTENT_TYPES.xlsx]: { schema: { type: 'string', format: 'binary', description: 'Every table as a sheet, header row frozen' } },
      'application/json': { schema: json },
    },
  };
}

/** Findings come in the table formats and as a SARIF 2.1.0 log; JSON is the findings list's items with the team's name. */
export const FINDINGS_DOWNLOAD: ApiResponseNoStatusOptions = {
  description: 'Every finding the filters match',
  content: {
    ...tableDownload('', { type: 'array', items: { allOf: [{ $ref: getSchemaPath(FindingResponse) }, { type: 'object', properties: { teamName: { type: 'string', nullable: true } } }] } }).content,
    'application/sarif+json': { schema: { type: 'object', additionalProperties: true, description: 'A SARIF 2.1.0 log, one run per tool and repository' } },
  },
};
