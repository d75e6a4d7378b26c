import { computeFindingFingerprint } from '../finding-fingerprint';
import { InputError, type InputProblem } from '../parsed-finding';
import { parseFindingsCsv } from './parse-findings-csv';

function problemsOf(text: string): InputProblem[] {
  try {
    parseFindingsCsv(text);
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe(parseFindingsCsv.name, () => {
  const sut = parseFindingsCsv;

  it('reads every documented column, whatever the header spelling and order', () => {
    const csv = [
      '\uFEFFTitle,Severity,Service,Source Kind,tool,Rule-ID,CWE,repo,path,line,fingerprint,stage,Detected_At,introduced at,Introduced Commit,status',
      'Refund skips the owner check,High,payments-api,Pentest,Burp Suite,AUTHZ-1,"CWE-639; CWE-285",github.com/acme/pay,src/refund.ts,42,PT-2026-7,Pre-release,2026-05-04,2026-04-20T08:00:00Z,9FCEB02D0AE598E95DC970B74767F19372D61AF8,Open',
    ].join('\r\n');
    expect(sut(csv)).toEqual([
      {
        tool: 'Burp Suite',
        ruleId: 'AUTHZ-1',
        title: 'Refund skips the owner check',
        severity: 'high',
        cweIds: [285, 639],
        sourceKind: 'pentest',
        location: { repo: 'github.com/acme/pay', path: 'src/refund.ts', line: 42 },
        fingerprint: 'PT-2026-7',
        suppressed: false,
        detectedAt: '2026-05-04T00:00:00.000Z',
        introducedAt: '2026-04-20T08:00:00.000Z',
        introducedCommit: '9fceb02d0ae598e95dc970b74767f19372d61af8',
        status: 'open',
        stage: 'pre_release',
        service: 'payments-api',
        inputLine: 2,
      },
    ]);
  });

  it('leaves out what the row does not say and computes the fingerprint the API would', () => {
    const [finding] = sut('title,severity,cwe,tool\n"Session never\nexpires",informational,"639, 285",Manual review\n');
    expect(finding).toMatchObject({ title: 'Session never expires', severity: 'info', cweIds: [285, 639], service: null, sourceKind: null, stage: null, location: { repo: null, path: null, line: null } });
    expect(finding.fingerprint).toBe(computeFindingFingerprint({ tool: 'Manual review', ruleId: null, repo: null, path: null, title: 'Session never expires', cweIds: [285, 639] }));
  });

  it('reads semicolon-separated files, as spreadsheets in many locales save them', () => {
    expect(sut('title;severity;cwe\nIDOR;critical;CWE-639 CWE-285\n')).toMatchObject([{ title: 'IDOR', severity: 'critical', cweIds: [285, 639] }]);
  });

  it('reports a bad value with its physical line, column number and column name', () => {
    const csv = 'title,tool,severity\n"Stored XSS\nin profile",Burp,low\nbad,,urgent\n';
    expect(problemsOf(csv)).toEqual([{ line: 4, column: 3, message: 'line 4, column 3 (severity): "urgent" is not one of critical, high, medium, low, info' }]);
  });

  it('collects every problem of the file before refusing it', () => {
    const csv = [
      'title,severity,line,cwe,detected_at,introduced_at,stage,status,source_kind,fingerprint,introduced_commit',
      ',high,x,CWE-abc,04/05/2026,,later,done,intern,,HEAD~1' ,
      'Late,low,1,79,2026-01-01,2026-02-01,,,,,' ,
    ].join('\n');
    expect(problemsOf(csv).map((problem) => problem.message)).toEqual([
      'line 2, column 1 (title): is required',
      'line 2, column 3 (line): "x" is not a line number (a whole number up to 10000000)',
      'line 2, column 4 (cwe): "CWE-abc" is not a CWE id; write CWE-639 or 639, separated by commas',
      'line 2, column 5 (detected_at): "04/05/2026" is not a date; write 2026-05-04 or 2026-05-04T10:00:00Z',
      'line 2, column 7 (stage): "later" is not one of design, code_review, ci, pre_release, production',
      'line 2, column 8 (status): "done" is not one of open, fixed, accepted_risk, suppressed, false_positive',
      'line 2, column 9 (source_kind): "intern" is not one of sast, sca, secrets, iac, dast, code_review, threat_model_review, pentest, bug_bounty, incident, other',
      'line 2, column 11 (introduced_commit): "HEAD~1" is not a commit id: 4 to 64 hexadecimal digits',
      'line 3, column 6 (introduced_at): is after detected_at: a flaw cannot be found before it exists',
    ]);
  });

  it('names unknown and repeated columns, and a missing required one', () => {
    expect(problemsOf('title,priority,Title,owner\nx,1,y,z\n').map((problem) => problem.message)).toEqual([
      'line 1, column 2: unknown column "priority"; the columns are title, severity, service, source_kind, tool, rule_id, cwe, repo, path, line, fingerprint, stage, detected_at, introduced_at, introduced_commit, status',
      'line 1, column 3: column title appears twice (also column 1)',
      'line 1, column 4: unknown column "owner"; the columns are title, severity, service, source_kind, tool, rule_id, cwe, repo, path, line, fingerprint, stage, detected_at, introduced_at, introduced_commit, status',
      'line 1: the severity column is missing; it is required',
    ]);
  });

  it('refuses values in columns the header does not name, but not empty trailing cells', () => {
    expect(sut('title,severity,\nx,low,\n')).toHaveLength(1);
    expect(problemsOf('title,severity\nx,low,oops\n')).toEqual([{ line: 2, column: 3, message: 'line 2, column 3: a value in a column the header does not name' }]);
  });

  it('refuses values longer than the API stores', () => {
    const [problem] = problemsOf(`title,severity,tool\nx,low,${'t'.repeat(201)}\n`);
    expect(problem.message).toBe('line 2, column 3 (tool): is 201 characters long; at most 200 are allowed');
  });

  it('refuses an empty file and an unclosed quote', () => {
    expect(problemsOf('\uFEFF\r\n')).toEqual([{ line: 1, message: 'line 1: the file is empty; its first line must name the columns (at least title and severity)' }]);
    expect(problemsOf('title,severity\n"open,low\n')[0]).toMatchObject({ line: 2, column: 1 });
  });

  it('lists at most 100 problems and says how many there were', () => {
    const csv = `title,severity\n${'x,urgent\n'.repeat(120)}`;
    expect(() => sut(csv)).toThrow(/^120 problems in the CSV file \(the first 100 are listed\); first: line 2, column 2 \(severity\)/);
    expect(problemsOf(csv)).toHaveLength(100);
  });
});
