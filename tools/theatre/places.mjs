// Reference points for the default theatre, [lat, lon] in degrees as given in
// shared reference "theatre-facts" (sections 1-4; basis V = settlement centre, G = GeoNames point,
// F = facility infobox, D = district point). Points marked `general: true` are not in the reference:
// they are approximate positions from general geography, used only to name sectors or place an
// illustrative object, and say so in the output.

/** Places that may give a border sector its name. */
export const PLACES = [
  {id: 'ugam', en: 'Ugam', ru: 'Угам', kk: 'Өгем', at: [42.0, 70.2], general: true, note: 'Ugam ridge (Kazygurt district relief, ref [86]); point approximate'},
  {id: 'kazygurt', en: 'Kazygurt', ru: 'Казыгурт', kk: 'Қазығұрт', at: [41.76, 69.38], basis: 'G'},
  {id: 'zhibek-zholy', en: 'Zhibek Zholy', ru: 'Жибек Жолы', kk: 'Жібек жолы', at: [41.48, 69.37], basis: 'V'},
  {id: 'saryagash', en: 'Saryagash', ru: 'Сарыагаш', kk: 'Сарыағаш', at: [41.46, 69.17], basis: 'G'},
  {id: 'abay', en: 'Abay', ru: 'Абай', kk: 'Абай', at: [41.35, 68.95], basis: 'G'},
  {id: 'shardara', en: 'Shardara', ru: 'Шардара', kk: 'Шардара', at: [41.26, 67.97], basis: 'G'},
  {id: 'asykata', en: 'Asykata', ru: 'Асыката', kk: 'Асықата', at: [40.89, 68.36], basis: 'G'},
  {id: 'atakent', en: 'Atakent', ru: 'Атакент', kk: 'Атакент', at: [40.85, 68.51], basis: 'G'},
  {id: 'zhetysai', en: 'Zhetysai', ru: 'Жетысай', kk: 'Жетісай', at: [40.78, 68.33], basis: 'G'},
  {id: 'myrzakent', en: 'Myrzakent', ru: 'Мырзакент', kk: 'Мырзакент', at: [40.66, 68.55], basis: 'G'},
  {id: 'aisha-bibi', en: 'Aisha-Bibi', ru: 'Айша-Биби', kk: 'Айша бибі', at: [42.84, 71.21], basis: 'V'},
  {id: 'taraz', en: 'Taraz', ru: 'Тараз', kk: 'Тараз', at: [42.90, 71.37], basis: 'G'},
  {id: 'lugovoy', en: 'Lugovoy', ru: 'Луговой', kk: 'Луговой', at: [42.94, 72.76], basis: 'G'},
  {id: 'merke', en: 'Merke', ru: 'Мерке', kk: 'Меркі', at: [42.87, 73.19], basis: 'G'},
  {id: 'oytal', en: 'Oytal', ru: 'Ойтал', kk: 'Ойтал', at: [42.91, 73.27], basis: 'G'},
  {id: 'korday', en: 'Korday', ru: 'Кордай', kk: 'Қордай', at: [43.04, 74.71], basis: 'V'},
  {id: 'sortobe', en: 'Sortobe', ru: 'Сортобе', kk: 'Сортөбе', at: [42.86, 75.25], general: true, note: 'opposite Tokmok (KG) on the Chu; point approximate'},
];

/** Fallback sector names where no place lies near the border (by stretch and longitude). */
export function fallbackName(stretch, lon) {
  if (stretch === 'uz') return lon < 68 ? {en: 'Kyzylkum', ru: 'Кызылкум', kk: 'Қызылқұм'} : {en: 'Ugam', ru: 'Угам', kk: 'Өгем'};
  return lon < 73 ? {en: 'Kyrgyz Alatau', ru: 'Киргизский Алатау', kk: 'Қырғыз Алатауы'} : {en: 'Shu', ru: 'Шу', kk: 'Шу'};
}

/**
 * Road border crossing points (reference section 1a, 1c). `at` is the reference point for basis V;
 * for the others (`near`) the point is placed on the border line nearest to the named town and marked
 * approximate.
 */
export const CROSSINGS = [
  {id: 'cp-zhibek-zholy', en: 'Zhibek Zholy', ru: 'Жибек Жолы', kk: 'Жібек жолы', counterpart: 'Gisht-Kuprik', country: 'UZ', at: [41.48, 69.37], basis: 'V', note: 'main passenger crossing; closed 5 Feb 2025 for reconstruction, reopening announced for 31 Jul 2026 (ref 1a #1)'},
  {id: 'cp-kaplanbek', en: 'Kaplanbek', ru: 'Капланбек', kk: 'Қапланбек', counterpart: 'Navoi', country: 'UZ', near: [41.48, 69.37], nearName: 'Zhibek Zholy', note: 'next to Zhibek Zholy at the Tashkent interchange (ref 1a #2)'},
  {id: 'cp-kazygurt', en: 'Kazygurt', ru: 'Казыгурт', kk: 'Қазығұрт', counterpart: 'S. Najimov', country: 'UZ', near: [41.76, 69.38], nearName: 'Kazygurt', note: 'freight; gas pipelines pass between the KZ and UZ posts (ref 1a #3)'},
  {id: 'cp-konysbayev', en: 'B. Konysbayev', ru: 'Б. Конысбаев', kk: 'Б. Қонысбаев', counterpart: 'Yallama', country: 'UZ', near: [41.46, 69.17], nearName: 'Saryagash', note: 'freight, 24 h (ref 1a #4)'},
  {id: 'cp-atameken', en: 'Atameken', ru: 'Атамекен', kk: 'Атамекен', counterpart: 'Gulistan', country: 'UZ', near: [40.66, 68.55], nearName: 'Myrzakent (Maktaaral area)', note: 'freight (ref 1a #5)'},
  {id: 'cp-tselinny', en: 'Tselinny', ru: 'Целинный', kk: 'Целинный', counterpart: 'Ok Oltin', country: 'UZ', near: [40.85, 68.51], nearName: 'Atakent (Maktaaral area)', note: 'daytime, light vehicles and pedestrians (ref 1a #6)'},
  {id: 'cp-syrdarya', en: 'Syrdarya', ru: 'Сырдарья', kk: 'Сырдария', counterpart: 'Malik', country: 'UZ', near: [40.78, 68.33], nearName: 'Zhetysai (Maktaaral area)', note: 'same regime as Tselinny (ref 1a #7)'},
  {id: 'cp-tazhen', en: 'Tazhen', ru: 'Тажен', kk: 'Тәжен', counterpart: 'Daut-Ata', country: 'UZ', near: [45.32, 55.20], nearName: 'Beineu', note: 'heavy trucks only until at least 31 Dec 2025; road Beineu-Akzhigit-border 85 km (ref 1a #8, 3g)'},
  {id: 'cp-korday', en: 'Korday', ru: 'Кордай', kk: 'Қордай', counterpart: 'Ak-Zhol', country: 'KG', at: [43.04, 74.71], basis: 'V', note: 'main passenger crossing on A-2, at the bridge over the Chu (ref 1c #1)'},
  {id: 'cp-karasu', en: 'Karasu', ru: 'Карасу', kk: 'Қарасу', counterpart: 'Ak-Tilek', country: 'KG', near: [42.93, 75.0], nearName: 'the Chu between Korday and Tokmok', general: true, note: 'cargo only; KG side near Khunchi, Issyk-Ata district (ref 1c #2); position illustrative'},
  {id: 'cp-sartobe', en: 'Sartobe', ru: 'Сартобе', kk: 'Сартөбе', counterpart: 'Tokmok', country: 'KG', near: [42.86, 75.25], nearName: 'Sortobe (opposite Tokmok)', general: true, note: 'multilateral, 24 h since 2 Mar 2019 (ref 1c #3)'},
  {id: 'cp-aukhatty', en: 'Aukhatty', ru: 'Аухатты', kk: 'Аухатты', counterpart: 'Ken-Bulun', country: 'KG', near: [42.95, 74.3], nearName: 'Korday district west of Korday', general: true, note: 'multilateral, 24 h since 2 Mar 2019 (ref 1c #4); position illustrative'},
  {id: 'cp-sypatai-batyr', en: 'Sypatai Batyr', ru: 'Сыпатай Батыр', kk: 'Сыпатай батыр', counterpart: 'Chaldybar', country: 'KG', near: [42.87, 73.19], nearName: 'Merke', note: 'posts opened May 2010; Bishkek-Shymkent traffic (ref 1c #5)'},
  {id: 'cp-aisha-bibi', en: 'Aisha-Bibi', ru: 'Айша-Биби', kk: 'Айша бибі', counterpart: 'Chon-Kapka', country: 'KG', at: [42.84, 71.21], basis: 'V', note: 'road, ~15 km W of Taraz (ref 1c #6)'},
  {id: 'cp-kegen', en: 'Kegen', ru: 'Кеген', kk: 'Кеген', counterpart: 'Karkyra', country: 'KG', near: [43.02, 79.22], nearName: 'Kegen (district centre)', note: '24 h since 25 Aug 2025 (ref 1c #7)'},
];

/** Road polylines (reference section 3); each part is a run of known waypoints, gaps between parts. */
export const ROADS = [
  {id: 'road-a2-shymkent-tashkent', en: 'A-2 Shymkent - Tashkent (via Zhibek Zholy)', ref: '3a',
    parts: [[[42.31, 69.60], [41.76, 69.38], [41.48, 69.37], [41.33, 69.30]]]},
  {id: 'road-saryagash-zhetysai', en: 'Zhibek Zholy - Saryagash - Abay - Zhetysai', ref: '3b',
    parts: [[[41.48, 69.37], [41.46, 69.17], [41.35, 68.95]], [[40.89, 68.36], [40.78, 68.33]]],
    gap: 'the road between Abay and the Maktaaral district (Asykata) is not in the reference'},
  {id: 'road-a2-almaty-bishkek', en: 'A-2 Almaty - Bishkek (via Korday)', ref: '3c',
    parts: [[[43.25, 76.91], [43.20, 76.63]], [[43.04, 74.71], [42.87, 74.61]]],
    gap: 'Kaskelen - Uzynagash - Kordai pass - Korday (~157 km) is not in the reference'},
  {id: 'road-a2-taraz-bishkek', en: 'A-2 Taraz - Merke - Bishkek', ref: '3d',
    parts: [[[42.90, 71.37], [42.94, 72.76], [42.87, 73.19], [42.91, 73.27]]],
    gap: 'Oytal - Sypatai Batyr crossing - Bishkek is not in the reference'},
  {id: 'road-a2-shymkent-taraz', en: 'A-2 Shymkent - Taraz', ref: '3e',
    parts: [[[42.31, 69.60], [42.49, 70.30], [42.53, 70.35], [42.90, 71.37]]]},
  {id: 'road-aktau-zhanaozen', en: 'Aktau - Zhetibay - Zhanaozen (to the Turkmen border)', ref: '3f',
    parts: [[[43.65, 51.15], [43.59, 52.08], [43.34, 52.86]]],
    gap: 'Zhanaozen - Kenderli - Temir Baba crossing (164-229 km, sources disagree) is not in the reference'},
];
