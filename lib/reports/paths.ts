/** Where a report is read: signed in (any status the reader may see), and in public (final only). */
export const reportPath = (versionId: number) => `/reports/${versionId}`;
export const reportPrintPath = (versionId: number) => `/reports/${versionId}/print`;
export const reportPdfPath = (versionId: number) => `/reports/${versionId}/pdf`;
/** The public address of a report's newest final version (stable across corrections). */
export const publicReportPath = (reportId: number) => `/explore/reports/${reportId}`;
/** A given final version in public (older ones stay readable, marked superseded). */
export const publicReportVersionPath = (reportId: number, number: number) => `/explore/reports/${reportId}/v/${number}`;
