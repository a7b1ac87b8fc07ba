# Интерфейс minemap на русском языке. Ключи те же, что в en.ftl.
# Термины — русские эквиваленты глоссария IMAS 04.10: опасный район, предположительно
# опасный район (ПОР), подтверждённый опасный район (ПдОР), разминирование, несчастный случай.
# Множественное число по правилам CLDR: one (1, 21…), few (2–4, 22–24…), many (5–20…), other (дроби).

## Languages
language = Язык
language-follow-system = Язык системы

## Menu
menu-file = Файл
menu-open-geojson = Открыть GeoJSON…
menu-open-tile-package = Открыть пакет тайлов (MBTiles, PMTiles)…
menu-quit = Выход
menu-view = Вид
menu-zoom-all = Показать все слои
menu-coordinates = Координаты
menu-help = Справка
help-about = minemap — офлайн-ГИС для гуманитарного разминирования
help-keys = Сдвиг: перетаскивание или стрелки · Масштаб: колесо, +/− · Home: показать всё · Esc: снять выделение
help-click = Щёлкните объект, чтобы посмотреть его свойства.

## File dialogs
dialog-open = Открыть
dialog-open-tile-package = Открыть пакет тайлов
filter-geojson = GeoJSON
filter-tile-packages = Пакеты тайлов
filter-all-files = Все файлы

## Messages window
messages-title = Сообщения
message-error = Ошибка
message-warning = Предупреждение
message-note = Примечание
message-dismiss = Закрыть
message-dismiss-all = Закрыть все
message-details = { $count ->
    [one] { $count } подробность
    [few] { $count } подробности
    [many] { $count } подробностей
   *[other] { $count } подробности
}

## Layers panel
layers-title = Слои
layers-loading = Загрузка: { $name }
layers-empty = Нет слоёв. Откройте файлы GeoJSON через меню «Файл» или перетащите их в окно.
layer-show-hide = Показать или скрыть
layer-up = Выше
layer-move-up = Переместить выше
layer-down = Ниже
layer-move-down = Переместить ниже
layer-zoom-to = Приблизить
layer-close = Закрыть
layer-opacity = Непрозрачность
layer-role-and-properties = Роль и атрибуты
layer-role = Роль слоя
layer-legend = Легенда
features-count = { $count ->
    [one] { $count } объект
    [few] { $count } объекта
    [many] { $count } объектов
   *[other] { $count } объекта
}

## Basemap selector
basemap-title = Подложка: { $name }
basemap-embedded = Встроенная (офлайн, Natural Earth)
basemap-none = Нет
basemap-online-cached = { $name } (онлайн, с кэшем)
basemap-open-package = Открыть пакет тайлов (MBTiles, PMTiles)…
basemap-draw-over = Поверх подложки
basemap-opacity = Непрозрачность
basemap-online-sources = Онлайн-источники
basemap-forget = Забыть
basemap-forget-hint = Убрать этот источник из списка
basemap-add-source = Добавить источник
basemap-name = Название
basemap-name-hint = Ортофотоплан съёмки
basemap-url-template = Шаблон URL
basemap-attribution = Атрибуция
basemap-attribution-hint = © владелец тайлов
basemap-cache-note = Просмотренные тайлы остаются в кэше на диске для работы офлайн. Соблюдайте условия сервиса: никаких массовых загрузок.
basemap-add-and-show = Добавить и показать

## Inspector
inspector-title = Свойства объекта
inspector-empty = Щёлкните объект на карте, чтобы посмотреть его свойства.
inspector-gone = Выбранный объект больше не загружен.
inspector-select-it = Выбрать
inspector-in-hazard-area = В опасном районе
inspector-nearest-hazard = Ближайший опасный район
inspector-distance-away = в { $distance } м
inspector-hazard-area = Опасный район
inspector-none-loaded = не загружены
inspector-possible-indication = Вне всех опасных районов: возможная новая индикация
inspector-incidents-inside = Инцидентов внутри
inspector-within = В пределах { $distance } м
incidents-with-casualties = { $incidents } ({ $casualties ->
    [one] { $casualties } пострадавший
    [few] { $casualties } пострадавших
    [many] { $casualties } пострадавших
   *[other] { $casualties } пострадавших
})
inspector-feature = Объект { $id }
inspector-zoom-to = Приблизить
inspector-clear = Снять выделение
inspector-feature-of-file = { $layer } · { $geometry } · объект № { $index } файла
inspector-area-geodesic = Площадь (геодезическая)
inspector-perimeter = Периметр
inspector-length = Длина
inspector-position = Положение
inspector-centroid = Центроид
inspector-note = Примечание: { $message }
inspector-properties = Атрибуты
inspector-other-members = Прочие члены
inspector-casualties = Пострадавшие: { $count }
inspector-area = Площадь: { $area }

## Statistics
stats-title = Статистика
stats-intro = Видимые слои; площади геодезические (WGS84). В объединении перекрытия учитываются один раз.
stats-group-by = Группировать по
stats-computing-union = Вычисление площадей объединения…
stats-features = Объекты
stats-features-detail = { $features } (площадных: { $areas }, точек: { $points }, линий: { $lines })
stats-area-sum = Площадь (сумма)
stats-area-union = Площадь (объединение)
stats-perimeter-sum = Периметр (сумма)
stats-incidents = Инциденты
stats-killed-injured = Погибшие / раненые
stats-killed-injured-value = { $killed } / { $injured } (пострадавших: { $victims })
stats-land-release = Высвобождение земель
stats-no-estimate = { $count ->
    [one] У { $count } опасного района не было оценочной площади: взята геодезическая
   *[other] У { $count } опасных районов не было оценочной площади: взята геодезическая
}
stats-incidents-and-hazards = Инциденты и опасные районы
stats-buffer = Буфер
stats-buffer-hint = Инциденты на таком расстоянии от опасного района считаются находящимися рядом с ним
stats-flag-beyond = Отмечать вне районов дальше
stats-flag-beyond-hint = Инциденты вне всех опасных районов и дальше этого расстояния — возможные новые индикации
stats-linking = Связывание инцидентов с опасными районами…
stats-inside-hazard = Внутри опасного района
stats-outside-every-hazard = Вне всех опасных районов
stats-incidents-casualties = { $incidents ->
    [one] { $incidents } инцидент
    [few] { $incidents } инцидента
    [many] { $incidents } инцидентов
   *[other] { $incidents } инцидента
}, { $casualties ->
    [one] { $casualties } пострадавший
   *[other] { $casualties } пострадавших
}
stats-possible-indications = Возможные новые индикации
stats-possible-indications-count = Возможные новые индикации ({ $count })
stats-no-hazard-area = нет опасного района
stats-distance-from = { $distance } м от { $hazard }
stats-and-more = … и ещё { $count }
stats-hazards-with-incidents = Опасные районы с инцидентами ({ $count })
stats-hazard-area = Опасный район
stats-inside = Внутри
stats-within = В пределах { $distance } м
stats-casualties-short = { $incidents } (постр.: { $casualties })

## Geometry QA
qa-title = Контроль геометрии
qa-long-segment-over = Длинный сегмент, больше
qa-check-again = Проверить снова
qa-overlaps = Перекрытия опасных районов
qa-overlaps-hint = Попарная проверка: медленная на очень больших данных, поэтому выключена при более чем 50 000 объектов
qa-checking = Проверка геометрии…
qa-no-layers = Нет слоёв.
qa-no-problems = Проблем не найдено.
qa-all = Все ({ $count })
qa-problems-summary = { $problems ->
    [one] { $problems } проблема
    [few] { $problems } проблемы
    [many] { $problems } проблем
   *[other] { $problems } проблемы
} в { $features ->
    [one] { $features } объекте
   *[other] { $features } объектах
}

## Status bar
status-pointer = Курсор
status-pointer-position = Положение курсора
status-zoom-scale = Уровень { $zoom } · 1:{ $scale }
status-go-to = Перейти
status-go = Перейти
status-go-to-hint = 40.1, 47.5 · 38T 612345 4441234 · 38TNK1234541234 · Шуша
status-place-not-found = «{ $text }» — не координата и не населённый пункт на карте

## Tabs and panels
tab-inspector = Объект
tab-statistics = Статистика
tab-qa = Контроль

## Classification (IMAS 07.11)
classification-indication = Индикация (непроверенное сообщение)
classification-sha = Предположительно опасный район (SHA)
classification-cha = Подтверждённый опасный район (CHA)

## Hazard area status
status-open = Открыт
status-worked_on = В работе
status-closed = Закрыт
status-suspended = Приостановлен

## Contamination
contamination-ap_mine = Противопехотная мина
contamination-at_mine = Противотанковая мина
contamination-uxo = Неразорвавшиеся боеприпасы (НРБ)
contamination-axo = Оставленные взрывоопасные боеприпасы (ОВБ)
contamination-cmr = Остатки кассетных боеприпасов
contamination-ied = Самодельное взрывное устройство (СВУ)
contamination-booby_trap = Мина-ловушка
contamination-unknown = Неизвестно

## Accident types
accident-civilian = Несчастный случай с мирным жителем
accident-demining = Несчастный случай при разминировании
accident-military = Несчастный случай с военнослужащим
accident-unknown = Несчастный случай неизвестного типа

## Layer roles
role-hazard_areas = Опасные районы
role-incidents = Инциденты
role-clearance_sectors = Сектора разминирования
role-activities = Работы
role-other = Прочее

## Land release
lr-estimated = Оценочная площадь
lr-cancelled = Исключено (нетехническое обследование)
lr-reduced = Сокращено (техническое обследование)
lr-cleared = Очищено
lr-remaining = Осталось

## QA problem kinds (analysis::qa::ProblemKind)
qa-self_intersection = Самопересечение
qa-too_few_vertices = Слишком мало вершин
qa-duplicate_vertex = Повторяющаяся вершина
qa-long_segment = Длинный сегмент
qa-coordinates_out_of_range = Координаты вне допустимых пределов
qa-unclosed_ring = Незамкнутый контур
qa-hole_outside_shell = Отверстие вне внешнего контура
qa-empty_geometry = Пустая геометрия
qa-null_geometry = Нет геометрии
qa-duplicate_id = Повторяющийся идентификатор
qa-duplicate_geometry = Повторяющаяся геометрия
qa-overlap = Перекрытие

## Legend (map::style::legend_entries)
legend-casualties = { $count ->
    [one] { $count } пострадавший
   *[other] { $count } пострадавших
}
legend-clearance-sector = Сектор разминирования
legend-activity = Работы
legend-feature = Объект

## Text report (minemap report --format text)
report-file = файл
report-index = №
report-id = id
report-type = тип
report-area-m2 = площадь м²
report-perimeter-m = периметр м
report-nearest-hazard = ближайший опасный район (м)
report-none = нет
report-totals = Итого: { $features ->
    [one] { $features } объект
    [few] { $features } объекта
    [many] { $features } объектов
   *[other] { $features } объекта
} (полигонов: { $polygons }, точек: { $points })
report-sum-of-areas = сумма площадей:
report-union-area = площадь объединения:
report-overlaps-once = перекрытия учтены один раз
report-by = По { $key }:
report-value = значение
report-features = объектов
report-union-m2 = объединение м²
report-land-release = Высвобождение земель (опасных районов: { $count }):
report-no-estimate = (у опасных районов без оценочной площади ({ $count }) взята геодезическая площадь)

## import
csv-import-title = Столбцы CSV
csv-import-detected-latlon = Широта найдена в «{ $lat }», долгота — в «{ $lon }».
csv-import-detected-wkt = Геометрия WKT найдена в «{ $column }».
csv-import-detected-coordinate = Координаты (MGRS, UTM или geopoint) найдены в «{ $column }».
csv-import-none-found = Столбец с координатами не найден: выберите столбцы с положением объектов.
csv-import-delimiter = Разделитель
csv-import-geometry-from = Положение из
csv-import-source-latlon = Столбцы широты и долготы
csv-import-source-wkt = Столбец WKT
csv-import-source-coordinate = Столбец координат (MGRS, UTM, geopoint)
csv-import-latitude = Широта
csv-import-longitude = Долгота
csv-import-wkt = WKT
csv-import-coordinate = Координаты
csv-import-no-column = (выберите)
csv-import-preview = { $count ->
    [one] Первая { $count } строка
    [few] Первые { $count } строки
    [many] Первые { $count } строк
   *[other] Первые { $count } строки
}
csv-import-load = Загрузить
csv-import-cancel = Отмена
csv-import-choose-hint = Сначала выберите столбцы.
layer-source-crs = Координаты: { $crs }
layer-source-crs-reprojected = Координаты: { $crs }, пересчитаны в WGS 84
