/** Where a city's action plans live in the app. */
export const plansPath = (citySlug: string) => `/cities/${citySlug}/plans`;
export const planPath = (citySlug: string, id: number) => `${plansPath(citySlug)}/${id}`;
