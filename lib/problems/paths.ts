/** Where a city's problems live in the app. */
export const problemsPath = (citySlug: string) => `/cities/${citySlug}/problems`;
export const problemPath = (citySlug: string, id: number) => `${problemsPath(citySlug)}/${id}`;
export const problemFilesApiPath = (citySlug: string, id: number) => `/api/v1/cities/${citySlug}/problems/${id}/files`;
export const problemFilePath = (citySlug: string, id: number, fileRowId: number) => `${problemFilesApiPath(citySlug, id)}/${fileRowId}`;
