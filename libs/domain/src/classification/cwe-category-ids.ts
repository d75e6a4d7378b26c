/**
 * The CWE categories the classification rules cite, by name. The ids are easy to get wrong (CWE-1347 is
 * OWASP 2021 A03 Injection, not A04; A06 is CWE-1352, not 1350), so a spec checks every one against
 * the catalogue's own names.
 */
export const CWE_CATEGORY_IDS = {
  businessLogicErrors: 840,

  /** View CWE-1344, "Weaknesses in OWASP Top Ten (2021)". */
  owasp2021: {
    a01BrokenAccessControl: 1345,
    a02CryptographicFailures: 1346,
    a03Injection: 1347,
    a04InsecureDesign: 1348,
    a05SecurityMisconfiguration: 1349,
    a06VulnerableAndOutdatedComponents: 1352,
    a07IdentificationAndAuthenticationFailures: 1353,
    a08SoftwareAndDataIntegrityFailures: 1354,
    a09SecurityLoggingAndMonitoringFailures: 1355,
    a10ServerSideRequestForgery: 1356,
  },

  /** View CWE-1400, "Comprehensive Categorization for Software Assurance Trends": every weakness in one. */
  comprehensive: {
    accessControl: 1396,
    comparison: 1397,
    componentInteraction: 1398,
    memorySafety: 1399,
    concurrency: 1401,
    encryption: 1402,
    exposedResource: 1403,
    fileHandling: 1404,
    exceptionalConditions: 1405,
    inputValidation: 1406,
    improperNeutralization: 1407,
    incorrectCalculation: 1408,
    injection: 1409,
    controlFlowManagement: 1410,
    dataAuthenticity: 1411,
    poorCodingPractices: 1412,
    protectionMechanismFailure: 1413,
    randomness: 1414,
    resourceControl: 1415,
    resourceLifecycleManagement: 1416,
    sensitiveInformationExposure: 1417,
    secureDesignPrinciples: 1418,
  },
} as const;
