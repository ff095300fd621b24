// Labels of the operations picture in Kazakh (Cyrillic), Russian and English. Every label the
// page shows goes through t(); the chosen language is kept in localStorage.

const STORE_KEY = 'shekara.lang';
export const LANGS = ['kk', 'ru', 'en'];

const en = {
  'app.title': 'Shekara — Common Operational Picture',
  'app.name': 'SHEKARA',
  'app.subtitle': 'Common operational picture',
  'lang.label': 'Language',
  'exercise.banner': 'EXERCISE · EXERCISE · EXERCISE — simulated data, not real',
  'exercise.badge': 'EXERCISE',
  'panel.layers': 'Layers',
  'panel.legend': 'Legend',
  'panel.chat': 'GeoChat',
  'panel.details': 'Details',
  'layer.basemap': 'Countries and sea',
  'layer.sectors': 'Border sectors',
  'layer.border': 'State border',
  'layer.crossings': 'Crossing points',
  'layer.sites': 'Protected sites',
  'layer.restricted': 'Restricted areas',
  'layer.roads': 'Roads',
  'layer.bases': 'Bases',
  'layer.sensors': 'Sensors',
  'layer.coverage': 'Sensor coverage',
  'layer.units': 'Friendly units',
  'layer.detections': 'Detections',
  'layer.tracks': 'Tracks',
  'legend.friendly': 'Friendly unit (by kind)',
  'legend.notReported': 'Unit not reporting (at base)',
  'legend.track': 'Unknown track',
  'legend.leader': 'Velocity leader (1 min)',
  'legend.ellipse': 'Uncertainty ellipse (2σ)',
  'legend.detection': 'Sensor detection',
  'legend.alarm': 'Sensor alarm (UGS, fence, radiation)',
  'legend.border': 'State border',
  'legend.sector': 'Sector (colour = posture)',
  'legend.crossing': 'Crossing point',
  'legend.site': 'Protected site and buffer',
  'legend.base': 'Base',
  'legend.sensor': 'Sensor',
  'chat.placeholder': 'Message to all units…',
  'chat.send': 'Send',
  'alerts.title': 'Alerts',
  'alerts.incidents': 'Incidents',
  'alerts.posture': 'Sector posture',
  'alerts.stats': 'Effectiveness',
  'alerts.ack': 'Acknowledge',
  'alerts.pd': 'Pd (vs truth)',
  'chat.empty': 'No messages yet',
  'chat.failed': 'Not sent',
  'status.store': 'Store',
  'store.UP': 'up',
  'store.DOWN': 'DOWN',
  'status.tak': 'TAK clients',
  'status.in': 'In',
  'status.out': 'Out',
  'status.picture': 'Picture',
  'status.perSec': '/s',
  'status.feed': 'Live feed',
  'status.dataTime': 'Data time',
  'status.cursor': 'Cursor',
  'ws.connecting': 'connecting',
  'ws.open': 'connected',
  'ws.closed': 'reconnecting',
  'none': '—',
  'details.hint': 'Click an object on the map for its details.',
  'field.id': 'ID', 'field.callsign': 'Callsign', 'field.kind': 'Kind', 'field.status': 'Status',
  'field.time': 'Time', 'field.course': 'Course', 'field.speed': 'Speed', 'field.position': 'Position',
  'field.sector': 'Sector', 'field.base': 'Base', 'field.command': 'Command', 'field.sensor': 'Sensor',
  'field.sigma': 'Accuracy (1σ)', 'field.marking': 'Marking', 'field.originator': 'Originator',
  'field.name': 'Name', 'field.buffer': 'Buffer', 'field.range': 'Range', 'field.posture': 'Posture',
  'field.targetClass': 'Target class', 'field.sensors': 'Sensors', 'field.cotType': 'CoT type',
  'field.period': 'Report period', 'field.units': 'Units', 'field.chatroom': 'Room',
  'obj.unit': 'Friendly unit', 'obj.detection': 'Detection', 'obj.track': 'Track', 'obj.zone': 'Zone',
  'obj.base': 'Base', 'obj.sensor': 'Sensor',
  'unit.notReported': 'not reporting — shown at base',
  'unitKind.foot-patrol': 'Foot patrol', 'unitKind.ground-vehicle': 'Ground vehicle',
  'unitKind.helicopter': 'Helicopter', 'unitKind.boat': 'Patrol boat',
  'unitStatus.available': 'Available', 'unitStatus.tasked': 'Tasked', 'unitStatus.en-route': 'En route',
  'unitStatus.on-scene': 'On scene', 'unitStatus.returning': 'Returning', 'unitStatus.unavailable': 'Unavailable',
  'sensorKind.radar': 'Radar', 'sensorKind.camera': 'Camera tower', 'sensorKind.ugs': 'Ground sensor (UGS)',
  'sensorKind.fence': 'Fence sensor', 'sensorKind.radiation': 'Radiation portal', 'sensorKind.ais': 'AIS',
  'sensorKind.patrol': 'Patrol report', 'sensorKind.other': 'Other sensor',
  'trackStatus.tentative': 'Tentative', 'trackStatus.confirmed': 'Confirmed', 'trackStatus.coasting': 'Coasting',
  'targetClass.unknown': 'Unknown', 'targetClass.walker': 'Walker', 'targetClass.vehicle': 'Vehicle',
  'targetClass.vessel': 'Vessel', 'targetClass.fast-mover': 'Fast mover',
  'zoneKind.country': 'Country', 'zoneKind.sea': 'Sea', 'zoneKind.border': 'State border',
  'zoneKind.sector': 'Border sector', 'zoneKind.crossing-point': 'Crossing point',
  'zoneKind.protected-site': 'Protected site', 'zoneKind.restricted-area': 'Restricted area', 'zoneKind.road': 'Road',
  'baseKind.border-post': 'Border post', 'baseKind.air-base': 'Air base', 'baseKind.boat-station': 'Boat station',
  'baseKind.command': 'Command',
  'posture.normal': 'Normal', 'posture.elevated': 'Elevated', 'posture.high': 'High',
  'unit.kmh': 'km/h', 'unit.m': 'm', 'unit.km': 'km', 'unit.s': 's',
};

const ru = {
  'app.title': 'Шекара — единая оперативная обстановка',
  'app.name': 'ШЕКАРА',
  'app.subtitle': 'Единая оперативная обстановка',
  'lang.label': 'Язык',
  'exercise.banner': 'УЧЕНИЯ · УЧЕНИЯ · УЧЕНИЯ — имитационные данные, не реальные',
  'exercise.badge': 'УЧЕНИЯ',
  'panel.layers': 'Слои',
  'panel.legend': 'Условные знаки',
  'panel.chat': 'GeoChat',
  'panel.details': 'Сведения',
  'layer.basemap': 'Государства и море',
  'layer.sectors': 'Участки границы',
  'layer.border': 'Государственная граница',
  'layer.crossings': 'Пункты пропуска',
  'layer.sites': 'Охраняемые объекты',
  'layer.restricted': 'Запретные зоны',
  'layer.roads': 'Дороги',
  'layer.bases': 'Базы',
  'layer.sensors': 'Датчики',
  'layer.coverage': 'Зоны обзора датчиков',
  'layer.units': 'Свои подразделения',
  'layer.detections': 'Обнаружения',
  'layer.tracks': 'Трассы',
  'legend.friendly': 'Своё подразделение (по типу)',
  'legend.notReported': 'Нет донесений (на базе)',
  'legend.track': 'Неопознанная цель',
  'legend.leader': 'Вектор скорости (1 мин)',
  'legend.ellipse': 'Эллипс ошибки (2σ)',
  'legend.detection': 'Обнаружение датчиком',
  'legend.alarm': 'Сработка (сейсмо, ограждение, радиация)',
  'legend.border': 'Государственная граница',
  'legend.sector': 'Участок (цвет — уровень готовности)',
  'legend.crossing': 'Пункт пропуска',
  'legend.site': 'Охраняемый объект и буфер',
  'legend.base': 'База',
  'legend.sensor': 'Датчик',
  'chat.placeholder': 'Сообщение всем подразделениям…',
  'chat.send': 'Отправить',
  'alerts.title': 'Тревоги',
  'alerts.incidents': 'Инциденты',
  'alerts.posture': 'Режим охраны участков',
  'alerts.stats': 'Эффективность',
  'alerts.ack': 'Принять',
  'alerts.pd': 'Вероятность обнаружения',
  'chat.empty': 'Сообщений нет',
  'chat.failed': 'Не отправлено',
  'status.store': 'Хранилище',
  'store.UP': 'в норме',
  'store.DOWN': 'НЕДОСТУПНО',
  'status.tak': 'Клиенты TAK',
  'status.in': 'Вход',
  'status.out': 'Выход',
  'status.picture': 'Обстановка',
  'status.perSec': '/с',
  'status.feed': 'Канал',
  'status.dataTime': 'Время данных',
  'status.cursor': 'Курсор',
  'ws.connecting': 'подключение',
  'ws.open': 'на связи',
  'ws.closed': 'переподключение',
  'none': '—',
  'details.hint': 'Нажмите на объект на карте, чтобы увидеть сведения.',
  'field.id': 'Идентификатор', 'field.callsign': 'Позывной', 'field.kind': 'Тип', 'field.status': 'Состояние',
  'field.time': 'Время', 'field.course': 'Курс', 'field.speed': 'Скорость', 'field.position': 'Координаты',
  'field.sector': 'Участок', 'field.base': 'База', 'field.command': 'Управление', 'field.sensor': 'Датчик',
  'field.sigma': 'Точность (1σ)', 'field.marking': 'Гриф', 'field.originator': 'Источник',
  'field.name': 'Название', 'field.buffer': 'Буферная зона', 'field.range': 'Дальность',
  'field.posture': 'Уровень готовности', 'field.targetClass': 'Класс цели', 'field.sensors': 'Датчики',
  'field.cotType': 'Тип CoT', 'field.period': 'Период донесений', 'field.units': 'Подразделения',
  'field.chatroom': 'Комната',
  'obj.unit': 'Своё подразделение', 'obj.detection': 'Обнаружение', 'obj.track': 'Трасса', 'obj.zone': 'Зона',
  'obj.base': 'База', 'obj.sensor': 'Датчик',
  'unit.notReported': 'нет донесений — показано на базе',
  'unitKind.foot-patrol': 'Пеший наряд', 'unitKind.ground-vehicle': 'Автомобильный наряд',
  'unitKind.helicopter': 'Вертолёт', 'unitKind.boat': 'Пограничный катер',
  'unitStatus.available': 'Готов', 'unitStatus.tasked': 'Получил задачу', 'unitStatus.en-route': 'В пути',
  'unitStatus.on-scene': 'На месте', 'unitStatus.returning': 'Возвращается', 'unitStatus.unavailable': 'Недоступен',
  'sensorKind.radar': 'РЛС', 'sensorKind.camera': 'Камера на вышке', 'sensorKind.ugs': 'Сейсмодатчик',
  'sensorKind.fence': 'Датчик ограждения', 'sensorKind.radiation': 'Радиационный монитор', 'sensorKind.ais': 'АИС',
  'sensorKind.patrol': 'Донесение наряда', 'sensorKind.other': 'Иной датчик',
  'trackStatus.tentative': 'Неподтверждённая', 'trackStatus.confirmed': 'Подтверждённая',
  'trackStatus.coasting': 'Экстраполяция',
  'targetClass.unknown': 'Неизвестно', 'targetClass.walker': 'Пешеход', 'targetClass.vehicle': 'Транспорт',
  'targetClass.vessel': 'Судно', 'targetClass.fast-mover': 'Скоростная цель',
  'zoneKind.country': 'Государство', 'zoneKind.sea': 'Море', 'zoneKind.border': 'Государственная граница',
  'zoneKind.sector': 'Участок границы', 'zoneKind.crossing-point': 'Пункт пропуска',
  'zoneKind.protected-site': 'Охраняемый объект', 'zoneKind.restricted-area': 'Запретная зона', 'zoneKind.road': 'Дорога',
  'baseKind.border-post': 'Пограничная застава', 'baseKind.air-base': 'Авиабаза',
  'baseKind.boat-station': 'Катерная станция', 'baseKind.command': 'Управление',
  'posture.normal': 'Обычный', 'posture.elevated': 'Повышенный', 'posture.high': 'Высокий',
  'unit.kmh': 'км/ч', 'unit.m': 'м', 'unit.km': 'км', 'unit.s': 'с',
};

const kk = {
  'app.title': 'Шекара — бірыңғай жедел жағдай',
  'app.name': 'ШЕКАРА',
  'app.subtitle': 'Бірыңғай жедел жағдай',
  'lang.label': 'Тіл',
  'exercise.banner': 'ОҚУ-ЖАТТЫҒУ · ОҚУ-ЖАТТЫҒУ — имитациялық деректер, нақты емес',
  'exercise.badge': 'ОҚУ-ЖАТТЫҒУ',
  'panel.layers': 'Қабаттар',
  'panel.legend': 'Шартты белгілер',
  'panel.chat': 'GeoChat',
  'panel.details': 'Мәліметтер',
  'layer.basemap': 'Мемлекеттер мен теңіз',
  'layer.sectors': 'Шекара учаскелері',
  'layer.border': 'Мемлекеттік шекара',
  'layer.crossings': 'Өткізу пункттері',
  'layer.sites': 'Күзетілетін объектілер',
  'layer.restricted': 'Тыйым салынған аймақтар',
  'layer.roads': 'Жолдар',
  'layer.bases': 'Базалар',
  'layer.sensors': 'Датчиктер',
  'layer.coverage': 'Датчиктердің шолу аймағы',
  'layer.units': 'Өз бөлімшелеріміз',
  'layer.detections': 'Анықтаулар',
  'layer.tracks': 'Трассалар',
  'legend.friendly': 'Өз бөлімшесі (түрі бойынша)',
  'legend.notReported': 'Хабар жоқ (базада)',
  'legend.track': 'Белгісіз нысан',
  'legend.leader': 'Жылдамдық векторы (1 мин)',
  'legend.ellipse': 'Қателік эллипсі (2σ)',
  'legend.detection': 'Датчик анықтауы',
  'legend.alarm': 'Дабыл (жер, қоршау, радиация датчигі)',
  'legend.border': 'Мемлекеттік шекара',
  'legend.sector': 'Учаске (түсі — әзірлік деңгейі)',
  'legend.crossing': 'Өткізу пункті',
  'legend.site': 'Күзетілетін объект және буфер',
  'legend.base': 'База',
  'legend.sensor': 'Датчик',
  'chat.placeholder': 'Барлық бөлімшелерге хабарлама…',
  'chat.send': 'Жіберу',
  'alerts.title': 'Дабылдар',
  'alerts.incidents': 'Оқиғалар',
  'alerts.posture': 'Учаскелердің күзет режимі',
  'alerts.stats': 'Тиімділік',
  'alerts.ack': 'Қабылдау',
  'alerts.pd': 'Анықтау ықтималдығы',
  'chat.empty': 'Хабарлама әлі жоқ',
  'chat.failed': 'Жіберілмеді',
  'status.store': 'Қойма',
  'store.UP': 'қалыпты',
  'store.DOWN': 'ҚОЛЖЕТІМСІЗ',
  'status.tak': 'TAK клиенттері',
  'status.in': 'Кіріс',
  'status.out': 'Шығыс',
  'status.picture': 'Жағдай',
  'status.perSec': '/с',
  'status.feed': 'Байланыс арнасы',
  'status.dataTime': 'Деректер уақыты',
  'status.cursor': 'Курсор',
  'ws.connecting': 'қосылуда',
  'ws.open': 'байланыста',
  'ws.closed': 'қайта қосылуда',
  'none': '—',
  'details.hint': 'Мәліметтерін көру үшін картадағы объектіні басыңыз.',
  'field.id': 'Сәйкестендіргіш', 'field.callsign': 'Шақыру белгісі', 'field.kind': 'Түрі', 'field.status': 'Күйі',
  'field.time': 'Уақыты', 'field.course': 'Бағыты', 'field.speed': 'Жылдамдығы', 'field.position': 'Координаттары',
  'field.sector': 'Учаске', 'field.base': 'База', 'field.command': 'Басқарма', 'field.sensor': 'Датчик',
  'field.sigma': 'Дәлдігі (1σ)', 'field.marking': 'Құпиялылық грифі', 'field.originator': 'Дереккөз',
  'field.name': 'Атауы', 'field.buffer': 'Буферлік аймақ', 'field.range': 'Қашықтығы',
  'field.posture': 'Әзірлік деңгейі', 'field.targetClass': 'Нысан класы', 'field.sensors': 'Датчиктер',
  'field.cotType': 'CoT түрі', 'field.period': 'Хабар беру кезеңі', 'field.units': 'Бөлімшелер',
  'field.chatroom': 'Бөлме',
  'obj.unit': 'Өз бөлімшесі', 'obj.detection': 'Анықтау', 'obj.track': 'Трасса', 'obj.zone': 'Аймақ',
  'obj.base': 'База', 'obj.sensor': 'Датчик',
  'unit.notReported': 'хабар жоқ — базада көрсетілген',
  'unitKind.foot-patrol': 'Жаяу жасақ', 'unitKind.ground-vehicle': 'Автокөлік жасағы',
  'unitKind.helicopter': 'Тікұшақ', 'unitKind.boat': 'Шекара катері',
  'unitStatus.available': 'Дайын', 'unitStatus.tasked': 'Тапсырма алды', 'unitStatus.en-route': 'Жолда',
  'unitStatus.on-scene': 'Оқиға орнында', 'unitStatus.returning': 'Қайтуда', 'unitStatus.unavailable': 'Қолжетімсіз',
  'sensorKind.radar': 'Радиолокатор', 'sensorKind.camera': 'Мұнарадағы камера', 'sensorKind.ugs': 'Жер датчигі',
  'sensorKind.fence': 'Қоршау датчигі', 'sensorKind.radiation': 'Радиациялық монитор', 'sensorKind.ais': 'АИЖ (AIS)',
  'sensorKind.patrol': 'Жасақ баяндамасы', 'sensorKind.other': 'Басқа датчик',
  'trackStatus.tentative': 'Расталмаған', 'trackStatus.confirmed': 'Расталған', 'trackStatus.coasting': 'Болжамды',
  'targetClass.unknown': 'Белгісіз', 'targetClass.walker': 'Жаяу адам', 'targetClass.vehicle': 'Көлік',
  'targetClass.vessel': 'Кеме', 'targetClass.fast-mover': 'Жылдам нысан',
  'zoneKind.country': 'Мемлекет', 'zoneKind.sea': 'Теңіз', 'zoneKind.border': 'Мемлекеттік шекара',
  'zoneKind.sector': 'Шекара учаскесі', 'zoneKind.crossing-point': 'Өткізу пункті',
  'zoneKind.protected-site': 'Күзетілетін объект', 'zoneKind.restricted-area': 'Тыйым салынған аймақ',
  'zoneKind.road': 'Жол',
  'baseKind.border-post': 'Шекара заставасы', 'baseKind.air-base': 'Авиабаза',
  'baseKind.boat-station': 'Катер станциясы', 'baseKind.command': 'Басқарма',
  'posture.normal': 'Қалыпты', 'posture.elevated': 'Жоғарылатылған', 'posture.high': 'Жоғары',
  'unit.kmh': 'км/сағ', 'unit.m': 'м', 'unit.km': 'км', 'unit.s': 'с',
};

const DICTS = { en, ru, kk };
let current = initial();
const listeners = [];

function initial() {
  let saved = null;
  try { saved = localStorage.getItem(STORE_KEY); } catch (e) { /* storage disabled: use the browser's language */ }
  if (LANGS.includes(saved)) return saved;
  const nav = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return LANGS.includes(nav) ? nav : 'en';
}

export function lang() { return current; }

/** The label for a key in the current language (English, then the key itself, when missing). */
export function t(key) {
  return DICTS[current][key] ?? en[key] ?? key;
}

/** Switches language, remembers it, relabels the page and tells the listeners. */
export function setLang(code) {
  if (!LANGS.includes(code)) return;
  current = code;
  try { localStorage.setItem(STORE_KEY, code); } catch (e) { /* not remembered, still switched */ }
  applyLabels(document);
  listeners.forEach((l) => l(code));
}

export function onLangChange(listener) { listeners.push(listener); }

/** Relabels every element with data-i18n (text), data-i18n-placeholder or data-i18n-title. */
export function applyLabels(root) {
  document.documentElement.lang = current;
  document.title = t('app.title');
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach((el) => { el.title = t(el.dataset.i18nTitle); });
}

/** The dictionaries, for the test that every language has every key. */
export const dictionaries = DICTS;

/**
 * Adds a feature's labels ({ en: {...}, ru: {...}, kk: {...} }) to the dictionaries and relabels
 * the page, so a panel can keep its labels in its own file.
 */
export function addLabels(byLang) {
  for (const [code, labels] of Object.entries(byLang)) {
    if (DICTS[code]) Object.assign(DICTS[code], labels);
  }
  if (typeof document !== 'undefined') applyLabels(document);
}
