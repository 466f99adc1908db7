import type { CityKind, Country, ProgrammeRole } from "../schema";

/**
 * Demo cities: real municipalities, illustrative numbers. Populations and coordinates are
 * approximate and flagged as demo data; do not quote them.
 */
export interface DemoCity {
  slug: string;
  nameEn: string;
  nameBn: string;
  nameNe: string;
  country: Country;
  region: string;
  kind: CityKind;
  population: number;
  latitude: number;
  longitude: number;
  programmeRole: ProgrammeRole;
  mentor?: string;
  joinedOn: string;
}

const bd = (
  slug: string,
  nameEn: string,
  nameBn: string,
  nameNe: string,
  region: string,
  kind: CityKind,
  population: number,
  latitude: number,
  longitude: number,
  programmeRole: ProgrammeRole,
  joinedOn: string,
  mentor?: string,
): DemoCity => ({ slug, nameEn, nameBn, nameNe, country: "BD", region, kind, population, latitude, longitude, programmeRole, joinedOn, mentor });

const np = (...args: Parameters<typeof bd>): DemoCity => ({ ...bd(...args), country: "NP" });

export const demoCities: DemoCity[] = [
  // Mentor cities: six in Bangladesh, two in Nepal.
  bd("kushtia", "Kushtia Paurashava", "কুষ্টিয়া পৌরসভা", "कुष्टिया पौरसभा", "Kushtia", "paurashava_a", 132000, 23.901, 89.12, "mentor", "2023-01-15"),
  bd("jhenaidah", "Jhenaidah Paurashava", "ঝিনাইদহ পৌরসভা", "झिनाइदह पौरसभा", "Jhenaidah", "paurashava_a", 131000, 23.544, 89.153, "mentor", "2023-01-15"),
  bd("faridpur", "Faridpur Paurashava", "ফরিদপুর পৌরসভা", "फरिदपुर पौरसभा", "Faridpur", "paurashava_a", 150000, 23.607, 89.842, "mentor", "2023-01-15"),
  bd("sakhipur", "Sakhipur Paurashava", "সখিপুর পৌরসভা", "सखिपुर पौरसभा", "Tangail", "paurashava_b", 45000, 24.315, 90.174, "mentor", "2023-03-01"),
  bd("lakshmipur", "Lakshmipur Paurashava", "লক্ষ্মীপুর পৌরসভা", "लक्ष्मीपुर पौरसभा", "Lakshmipur", "paurashava_a", 101000, 22.943, 90.83, "mentor", "2023-03-01"),
  bd("benapole", "Benapole Paurashava", "বেনাপোল পৌরসভা", "बेनापोल पौरसभा", "Jashore", "paurashava_b", 42000, 23.043, 88.898, "mentor", "2023-06-01"),
  np("mahalaxmi", "Mahalaxmi Municipality", "মহালক্ষ্মী পৌরসভা", "महालक्ष्मी नगरपालिका", "Bagmati (Lalitpur)", "municipality", 62000, 27.663, 85.365, "mentor", "2023-04-01"),
  np("dhulikhel", "Dhulikhel Municipality", "ধুলিখেল পৌরসভা", "धुलिखेल नगरपालिका", "Bagmati (Kavrepalanchok)", "municipality", 33000, 27.62, 85.555, "mentor", "2023-04-01"),

  // Mentees, two for each mentor.
  bd("meherpur", "Meherpur Paurashava", "মেহেরপুর পৌরসভা", "मेहेरपुर पौरसभा", "Meherpur", "paurashava_a", 50000, 23.762, 88.631, "mentee", "2024-01-10", "kushtia"),
  bd("chuadanga", "Chuadanga Paurashava", "চুয়াডাঙ্গা পৌরসভা", "चुयाडाङ्गा पौरसभा", "Chuadanga", "paurashava_a", 90000, 23.64, 88.841, "mentee", "2024-01-10", "kushtia"),
  bd("magura", "Magura Paurashava", "মাগুরা পৌরসভা", "मागुरा पौरसभा", "Magura", "paurashava_a", 60000, 23.487, 89.42, "mentee", "2024-01-10", "jhenaidah"),
  bd("kotchandpur", "Kotchandpur Paurashava", "কোটচাঁদপুর পৌরসভা", "कोटचाँदपुर पौरसभा", "Jhenaidah", "paurashava_b", 40000, 23.413, 89.013, "mentee", "2024-04-01", "jhenaidah"),
  bd("madaripur", "Madaripur Paurashava", "মাদারীপুর পৌরসভা", "मादारीपुर पौरसभा", "Madaripur", "paurashava_a", 70000, 23.171, 90.204, "mentee", "2024-01-10", "faridpur"),
  bd("gopalganj", "Gopalganj Paurashava", "গোপালগঞ্জ পৌরসভা", "गोपालगञ्ज पौरसभा", "Gopalganj", "paurashava_a", 55000, 23.005, 89.826, "mentee", "2024-04-01", "faridpur"),
  bd("madhupur", "Madhupur Paurashava", "মধুপুর পৌরসভা", "मधुपुर पौरसभा", "Tangail", "paurashava_b", 50000, 24.617, 90.027, "mentee", "2024-04-01", "sakhipur"),
  bd("ghatail", "Ghatail Paurashava", "ঘাটাইল পৌরসভা", "घाटाइल पौरसभा", "Tangail", "paurashava_b", 40000, 24.48, 89.97, "mentee", "2024-04-01", "sakhipur"),
  bd("ramganj", "Ramganj Paurashava", "রামগঞ্জ পৌরসভা", "रामगञ्ज पौरसभा", "Lakshmipur", "paurashava_b", 35000, 23.1, 90.852, "mentee", "2024-04-01", "lakshmipur"),
  bd("chandpur", "Chandpur Paurashava", "চাঁদপুর পৌরসভা", "चाँदपुर पौरसभा", "Chandpur", "paurashava_a", 160000, 23.233, 90.671, "mentee", "2024-01-10", "lakshmipur"),
  bd("jhikargacha", "Jhikargacha Paurashava", "ঝিকরগাছা পৌরসভা", "झिकरगाछा पौरसभा", "Jashore", "paurashava_c", 30000, 23.098, 89.101, "mentee", "2024-07-01", "benapole"),
  bd("satkhira", "Satkhira Paurashava", "সাতক্ষীরা পৌরসভা", "सातक्षीरा पौरसभा", "Satkhira", "paurashava_a", 130000, 22.717, 89.072, "mentee", "2024-07-01", "benapole"),
  np("godawari", "Godawari Municipality", "গোদাবরী পৌরসভা", "गोदावरी नगरपालिका", "Bagmati (Lalitpur)", "municipality", 80000, 27.595, 85.378, "mentee", "2024-02-01", "mahalaxmi"),
  np("changunarayan", "Changunarayan Municipality", "চাঙ্গুনারায়ণ পৌরসভা", "चाँगुनारायण नगरपालिका", "Bagmati (Bhaktapur)", "municipality", 50000, 27.71, 85.426, "mentee", "2024-02-01", "mahalaxmi"),
  np("banepa", "Banepa Municipality", "বনেপা পৌরসভা", "बनेपा नगरपालिका", "Bagmati (Kavrepalanchok)", "municipality", 55000, 27.632, 85.521, "mentee", "2024-02-01", "dhulikhel"),
  np("panauti", "Panauti Municipality", "পনৌতি পৌরসভা", "पनौती नगरपालिका", "Bagmati (Kavrepalanchok)", "municipality", 46000, 27.584, 85.513, "mentee", "2024-05-01", "dhulikhel"),

  // Candidates for the next round.
  bd("bhola", "Bhola Paurashava", "ভোলা পৌরসভা", "भोला पौरसभा", "Bhola", "paurashava_a", 60000, 22.686, 90.648, "candidate", "2026-01-20"),
  bd("netrokona", "Netrokona Paurashava", "নেত্রকোণা পৌরসভা", "नेत्रकोणा पौरसभा", "Netrokona", "paurashava_a", 80000, 24.88, 90.727, "candidate", "2026-01-20"),
  np("tulsipur", "Tulsipur Sub-Metropolitan City", "তুলসীপুর উপ-মহানগর", "तुलसीपुर उपमहानगरपालिका", "Lumbini (Dang)", "sub_metropolitan_city", 140000, 28.131, 82.297, "candidate", "2026-02-15"),
];
