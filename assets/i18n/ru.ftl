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
help-click = Щёлкните объект, чтобы посмотреть его свойства; Ctrl+щелчок по строкам таблицы выбирает несколько.
menu-edit = Правка
menu-undo-what = Отменить: { $what }
menu-redo-what = Повторить: { $what }
help-filters = Фильтры (панель слоёв) пишутся на OGC CQL2, например "status" = 'open' AND "classification" IN ('cha','sha').

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
layer-filter = Фильтр
layer-filter-shown = Фильтр (показано { $shown } из { $total })
layer-shown-of-total = ({ $shown } / { $total } показано)
layer-shown-of-total-hint = Объекты, прошедшие фильтр слоя / все объекты
layer-table = Таблица
layer-table-hint = Показать слой в таблице атрибутов
layer-symbology = Оформление и подписи

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
basemap-embedded-short = Встроенная (офлайн)
basemap-note-offline = { $name }: нет связи — только тайлы из кэша
basemap-note-outside = { $name }: вид вне области пакета
basemap-note-below-zoom = { $name }: нет тайлов мельче уровня { $zoom } — приблизьте
basemap-note-over-zoom = { $name }: крупнее уровня { $zoom } — тайлы увеличены

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
inspector-click-to-edit = Щёлкните, чтобы изменить (Enter — сохранить, Esc — отказаться; Ctrl+Z — отменить)

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
qa-filter-note = Проверяются только объекты, прошедшие фильтр своего слоя.

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
tab-qa-count = Контроль ({ $count })
tab-planner = Планирование

## Actions
action-open = Открыть…
action-open-tooltip = Открыть файлы GeoJSON или пакеты тайлов
action-undo = Отменить
action-undo-tooltip = Отменить последнее изменение данных
action-redo = Повторить
action-redo-tooltip = Повторить отменённое изменение
action-zoom-to-all = Показать все слои
action-zoom-to-all-tooltip = Вписать в карту все слои
action-clear-selection = Снять выделение
action-clear-selection-tooltip = Ничего не выделять
action-toggle-table = Таблица атрибутов
action-toggle-table-tooltip = Показать или скрыть таблицу атрибутов
action-toggle-layers = Панель слоёв
action-toggle-layers-tooltip = Показать или скрыть панель слоёв
action-toggle-inspector = Панель свойств
action-toggle-inspector-tooltip = Показать или скрыть свойства, статистику и контроль геометрии

## Property roles
prop-name = Название
prop-classification = Классификация
prop-status = Статус
prop-contamination = Тип загрязнения
prop-date = Дата
prop-killed = Погибшие
prop-injured = Раненые
prop-casualties = Пострадавшие
prop-region = Район
prop-estimated-area = Оценочная площадь (м²)
prop-cancelled-area = Исключённая площадь (м²)
prop-reduced-area = Сокращённая площадь (м²)
prop-cleared-area = Очищенная площадь (м²)
prop-hazard-id = Код опасного района

## Tool bar
tool-select = Выбор
tool-measure = Измерить
tool-polygon = Полигон
tool-rectangle = Прямоугольник
tool-base-line = Базовая линия
tool-select-help = Щёлкните объект, чтобы выбрать его; перетащите вершину выбранного полигона, чтобы сдвинуть её, середину ребра — чтобы добавить вершину
tool-measure-help = Щёлкайте вдоль пути: расстояние и площадь на эллипсоиде. Esc — сбросить
tool-polygon-help = Щёлкайте вершины; двойной щелчок или Enter — завершить, Backspace — убрать последнюю, Esc — отменить
tool-rectangle-help = Щёлкните два противоположных угла
tool-base-line-help = Щёлкните начало и конец базовой линии (Enter — завершить); от неё планировщик нарезает секторы
tool-snap = Привязка
tool-snap-hint = Привязка к вершинам и рёбрам нарисованных объектов (Alt — временно отключить)
tool-into = в слой
tool-finish = Завершить
tool-finish-hint = Enter или двойной щелчок
tool-cancel = Отмена
tool-bearing = Азимут
tool-distance = расстояние
tool-add-leg-from-benchmark = Ход от репера
tool-add-leg-from-last = Ход от последней вершины
tool-add-leg-hint = Ход теодолитного хода, как на схеме минного поля; первый ход начинается от репера, введённого в поле координат
tool-benchmark-error = репер: { $why }
tool-coordinate = Координата
tool-add-point = Добавить точку
tool-segment = Отрезок { $length }, азимут { $bearing }°
tool-length = Длина { $length }
tool-perimeter-area = Периметр { $perimeter } · площадь { $area }
coord-dd = ДД
coord-dms = ГМС
coord-utm = UTM
coord-mgrs = MGRS

## Attribute table
table-title = Таблица атрибутов
table-no-layers = Нет слоёв.
table-feature-id = код объекта
table-area = площадь ({ $unit }, геодез.)
table-perimeter = периметр ({ $unit })
table-ascending = по возрастанию
table-descending = по убыванию
table-sort-hint = Сортировать по этому столбцу (ещё раз — по убыванию, ещё раз — как в файле)
table-edit-cell = Изменить ячейку
table-copy-cell = Копировать ячейку
table-copy-row = Копировать строку
table-edited-not-saved = Изменено, не сохранено
table-rows = { $count ->
    [one] { $count } строка
    [few] { $count } строки
    [many] { $count } строк
   *[other] { $count } строки
}
table-only-selected = Только выбранные ({ $count })
table-select-shown = Выбрать показанные
table-select-shown-hint = Выбрать все строки, показанные в таблице
table-new-column = Новый столбец
table-add-column = Добавить
table-add-column-hint = Добавить столбец (пустой) всем объектам слоя
table-set = Присвоить
table-set-to = значение
table-value-hint = значение
table-for-selected = выбранным ({ $count })
table-for-shown = показанным ({ $count })
table-for-shown-hint = Всем строкам, показанным в таблице (прошедшим фильтр)

## Filters
filter-all = Все
filter-none = Ни одного
filter-add-category-list = Добавить список категорий…
filter-date = Дата
filter-from = С
filter-to = По
filter-date-hint = ГГГГ-ММ-ДД
filter-apply-dates = Применить даты
filter-last-12-months = Последние 12 месяцев
filter-last-30-days = Последние 30 дней
filter-this-year = Этот год
filter-any-date = Любая дата
filter-remove = Убрать
filter-remove-range = Убрать этот диапазон
filter-range = Диапазон
filter-min = мин.
filter-max = макс.
filter-add-range = Добавить диапазон
filter-text = Текст
filter-text-hint = в любом значении
filter-in-view = Только в текущем окне карты
filter-within = В пределах
filter-of-selected = от выбранного объекта
filter-of-feature = от { $feature }
filter-cql2 = Выражение CQL2
filter-apply = Применить
filter-apply-hint = Применить выражение (Ctrl+Enter)
filter-clear = Сбросить фильтр
filter-unknown-properties = Ни у одного объекта нет { $properties }: считается пустым
filter-typed-applied = Применено введённое выражение; элементы выше заменят его.

## Symbology
style-style = Стиль
style-gichd = Шаблон GICHD
style-categorised = По категориям
style-graduated = Градуированный
style-single = Один цвет
style-gichd-note = Заливка по классификации, контур по статусу (GICHD TN 07.11/01).
style-property = Атрибут
style-palette = Палитра
style-method = Метод
style-equal-interval = Равные интервалы
style-quantile = Квантили
style-classes = классов
style-colour = Цвет
style-fill-opacity = непрозрачность заливки
style-labels = Подписи
style-label = Подпись
style-size = размер
style-legend-click-hint = Щёлкните, чтобы показать или скрыть эти объекты

## Clearance planner
planner-title = Планирование разминирования
planner-hazard-area = Опасный район { $id }
planner-select-hint = Выберите опасный район на карте или в таблице, чтобы разделить его на секторы.
planner-divide-into = Разделить на
planner-boxes = Квадраты
planner-lanes = Полосы
planner-equal-parts = Равные части
planner-box = Квадрат
planner-merge-slivers = Присоединять обрезки меньше
planner-merge-slivers-hint = Квадраты, которые граница оставляет меньше этой доли полного, присоединяются к соседнему
planner-number = Количество
planner-base-line = Базовая линия
planner-longest-side = Длинная сторона
planner-longest-side-hint = Вдоль длинной стороны минимального описанного прямоугольника района
planner-bearing = Азимут
planner-bearing-hint = Азимут базовой линии, по часовой стрелке от севера
planner-estimate-effort = Оценить трудозатраты (бригадо-дни)
planner-asset = Средство
planner-rate = Норма, { $asset } (м²/бригадо-день)
planner-teams = Бригады
planner-no-rate = Задайте норму разминирования для «{ $asset }» (м² за бригадо-день): нормы — вашей программы, встроенных в minemap нет
planner-no-teams = Число бригад должно быть не меньше 1
planner-ts-sampling = Выборка технического обследования по вероятности наличия мин
planner-preview = Предпросмотр: { $count ->
    [one] { $count } сектор
    [few] { $count } сектора
    [many] { $count } секторов
   *[other] { $count } сектора
}, { $area } ({ $ms } мс)
planner-split-into = { $count ->
    [one] Разделить на { $count } сектор
    [few] Разделить на { $count } сектора
    [many] Разделить на { $count } секторов
   *[other] Разделить на { $count } сектора
}
planner-split-hint = Добавляет секторы в слой секторов разминирования, заменяя прежние секторы этого района; Ctrl+Z отменяет
planner-cannot-split = Нельзя разделить: { $why }
planner-see-qa = Что не так с геометрией, показано на вкладке «Контроль».
planner-plan = План
planner-no-sectors = Секторов разминирования пока нет.
planner-sectors-of = Секторы { $id }
planner-all-sectors-in = Все секторы в слое { $layer }
planner-sectors = Секторы
planner-sectors-without-effort = { $count } (без оценки: { $unplanned })
planner-area = Площадь
planner-team-days = Бригадо-дни
planner-calendar-days = Календарные дни
planner-ts-sample = Выборка ТО
planner-asset-summary = { $count ->
    [one] { $count } сектор
    [few] { $count } сектора
    [many] { $count } секторов
   *[other] { $count } сектора
}, бригадо-дней: { $team_days }, дней: { $days }
asset-manual = Ручное разминирование
asset-mdd = Минно-розыскные собаки
asset-mechanical = Механизированное

## App messages and edit names
msg-basemap-kept = { $why } — остаётся прежняя подложка
msg-column-needs-name = У нового столбца должно быть имя
msg-column-exists = У всех объектов уже есть атрибут «{ $key }»
msg-no-geometry = у него нет геометрии
msg-not-split = { $id } не разделён: { $why }
msg-polygon-three-vertices = Полигону нужны хотя бы три разные вершины
msg-base-line-two-points = Базовой линии нужны две разные точки
msg-filter-not-applied = Фильтр слоя { $layer } не применён: { $why }
msg-could-not-open = Не удалось открыть { $why }
msg-loaded-with-warnings = { $file }: { $count ->
    [one] загружен { $count } объект
    [few] загружено { $count } объекта
    [many] загружено { $count } объектов
   *[other] загружено { $count } объекта
}, с непригодной геометрией: { $unusable } (сохранены, не отрисованы)
job-union-areas = Площади объединения
job-incident-links = Связи инцидентов
job-failed = { $what }: ошибка: { $why }
edit-add-column = добавление столбца { $key }
edit-geometry-of = геометрия { $id }
edit-draw-sector = рисование сектора { $id }
edit-delete-one = удаление { $id }
edit-delete-many = { $count ->
    [one] удаление { $count } объекта
   *[other] удаление { $count } объектов
}
edit-split = { $count ->
    [one] разделение { $id } на { $count } сектор
    [few] разделение { $id } на { $count } сектора
    [many] разделение { $id } на { $count } секторов
   *[other] разделение { $id } на { $count } сектора
}
edit-property-of-one = { $key } у { $id }
edit-property-of-many = { $count ->
    [one] { $key } у { $count } объекта
   *[other] { $key } у { $count } объектов
}

## Command line: validate (minemap validate --format text)
validate-summary = { $problems ->
    [one] { $problems } проблема
    [few] { $problems } проблемы
    [many] { $problems } проблем
   *[other] { $problems } проблемы
} в { $features ->
    [one] { $features } объекте
   *[other] { $features } объектах
} из { $files ->
    [one] { $files } файла
   *[other] { $files } файлов
}

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
role-clearance_sectors = Секторы разминирования
role-activities = Работы
role-other = Прочее

## Land release
lr-estimated = Оценочная площадь
lr-cancelled = Исключено (НТО)
lr-reduced = Сокращено (ТО)
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
legend-other = Прочее
legend-no-value = Нет значения
legend-unclassified = Без классификации
legend-unknown-status = Статус неизвестен
legend-no-casualty = Пострадавших нет
legend-casualties-range = { $from }–{ $to } пострадавших
legend-casualties-or-more = { $from } и более пострадавших
legend-other-geometry = Другая геометрия
legend-other-values = { $count ->
    [one] Прочее ({ $count } значение)
    [few] Прочее ({ $count } значения)
    [many] Прочее ({ $count } значений)
   *[other] Прочее ({ $count } значения)
}

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

## recover
autosave-error = Автосохранение: { $reason }
autosave-off = Автосохранение в этом сеансе отключено
recover-title = Найдены несохранённые правки
recover-summary = Несохранённые правки от { $when }: { $count ->
    [one] { $count } правка
    [few] { $count } правки
    [many] { $count } правок
   *[other] { $count } правки
} в { $files }
recover-no-file = создан в minemap
recover-problems = { $count ->
    [one] { $count } часть файла восстановления не читается (остальное можно восстановить):
    [few] { $count } части файла восстановления не читаются (остальное можно восстановить):
    [many] { $count } частей файла восстановления не читаются (остальное можно восстановить):
   *[other] { $count } части файла восстановления не читаются (остальное можно восстановить):
}
recover-restore = Восстановить
recover-restore-tip = Открыть эти файлы и снова применить правки; «Отменить» отменяет восстановление каждого файла
recover-discard = Удалить
recover-discard-tip = Удалить эти правки навсегда
recover-later = Позже
recover-later-tip = Решить при следующем запуске; правки остаются в файле восстановления
recover-not-open = Не удалось открыть { $name }: { $count ->
    [one] { $count } правка не восстановлена
    [few] { $count } правки не восстановлены
    [many] { $count } правок не восстановлено
   *[other] { $count } правки не восстановлены
}
recover-file-changed = Файл { $name } изменился после правок: { $count ->
    [one] { $count } правка не восстановлена
    [few] { $count } правки не восстановлены
    [many] { $count } правок не восстановлено
   *[other] { $count } правки не восстановлены
}
recover-not-applied = { $name }: правки не подходят к файлу ({ $reason }); ничего из него не восстановлено
recover-kept = Невосстановленные правки сохранены в { $path }
recover-done = Несохранённые правки восстановлены в { $files } («Отменить» отменяет их)
recover-step = восстановление несохранённых правок { $name }
project-open = Открыть проект…
project-open-tip = Открыть проект minemap (*.minemap.json): слои, роли, стили, фильтры, подложку и вид
project-save = Сохранить проект
project-save-tip = Сохранить в файл проекта слои (пути), роли, стили, фильтры, подложку и вид
project-save-as = Сохранить проект как…
project-files = Проекты minemap
project-saved = Проект сохранён в { $path } ({ $count ->
    [one] { $count } слой
    [few] { $count } слоя
    [many] { $count } слоёв
   *[other] { $count } слоя
})
project-not-saved = Проект не сохранён: { $reason }
project-layers-without-file = Не вошли в проект (нет файла; сначала сохраните их): { $names }
project-missing = { $count ->
    [one] { $count } файл проекта не найден; остальные слои открываются:
    [few] { $count } файла проекта не найдены; остальные слои открываются:
    [many] { $count } файлов проекта не найдено; остальные слои открываются:
   *[other] { $count } файла проекта не найдены; остальные слои открываются:
}
## save
action-save = Сохранить
action-save-tooltip = Записать правки активного слоя в его файл (предыдущая версия сохраняется как .bak)
action-save-as = Сохранить как…
action-save-as-tooltip = Записать активный слой в другой файл GeoJSON, который станет файлом слоя
action-export = Экспорт…
action-export-tooltip = Экспорт слоёв в GeoJSON с аннотациями и защитой персональных данных
export-title = Экспорт GeoJSON
export-layers = Слои (в один файл)
export-layer-item = { $name } ({ $count ->
    [one] { $count } объект
    [few] { $count } объекта
    [many] { $count } объектов
   *[other] { $count } объекта
})
export-features = Объекты
export-scope-all = Все ({ $count })
export-scope-selection = Выделенные ({ $count })
export-scope-filtered = Прошедшие фильтр слоя ({ $count })
export-annotations = Добавить аннотации
export-annotation-area = Геодезическая площадь (area_m2)
export-annotation-perimeter = Геодезический периметр (perimeter_m)
export-annotation-qa = Ошибки геометрии (qa_problems)
export-annotation-links = Связь инцидентов с опасными районами (hazard_id, distance_to_hazard_m)
export-annotation-counts = Инциденты по опасным районам (incidents_inside, casualties_inside, …)
export-planner-note = Поля планирования (team_days, duration_days, …) и изменённые значения входят в объекты и экспортируются всегда.
export-round = Округлить координаты до знаков:
export-round-tooltip = 7 знаков ≈ 1 см; без отметки координаты записываются как были
export-bbox = Записать bbox для коллекции и каждого объекта
export-privacy = Удалить персональные данные (для передачи вне организации)
export-privacy-tooltip = Удаляет перечисленные поля о пострадавших и переносит точки инцидентов на сетку
export-personal-keys = Поля, удаляемые у всех объектов (через запятую):
export-incident-keys = Поля, удаляемые только у инцидентов:
export-generalise = Округлить места инцидентов до
export-summary = Что сделает экспорт
export-no-layers = Отметьте хотя бы один слой.
export-checking = Проверка экспорта…
export-collision-question = В данных уже есть { $keys }. Записать аннотацию под другим именем или заменить значения данных?
export-collision-prefix = Сохранить значения данных; записать аннотацию как minemap_…
export-collision-overwrite = Заменить значения данных аннотацией
export-write = Выбрать файл и экспортировать…
export-write-tooltip = Выбрать файл и записать его в фоне
export-close = Закрыть
save-confirm-title = Сохранить слой в его файл?
save-confirm-text = Слой { $layer } будет записан в { $path }. Предыдущая версия сохранится как { $backup }.
save-button = Сохранить
save-cancel = Отмена
save-discard = Не сохранять
save-unsaved-title = Несохранённые правки
save-close-unsaved-text = В слое { $layer } есть несохранённые правки. Сохранить их перед закрытием слоя?
save-keeps-backup = Предыдущая версия сохранится как { $backup }
save-as-geojson-tooltip = У слоя нет файла GeoJSON: выберите его (Сохранить как GeoJSON)
save-quit-unsaved-text = В этих слоях есть несохранённые правки:
save-quit-no-file = • { $layer } (нет файла GeoJSON: сначала «Сохранить как»)
save-all-and-quit = Сохранить всё и выйти
save-all-tooltip = Сохранить каждый слой в его файл (с копиями .bak) и выйти
save-all-disabled-tooltip = У некоторых слоёв нет файла GeoJSON: сначала сохраните их через «Сохранить как»
save-quit-discard = Выйти без сохранения
save-progress-export = Экспорт
save-progress-save = Сохранение
save-busy = Файл ещё записывается; повторите, когда запись закончится.
save-cancelled = Экспорт отменён; файл не изменён.
save-not-geojson = Слой { $layer } прочитан не из GeoJSON и не может быть сохранён на месте: сохраните его как GeoJSON.
save-dialog-geojson = Сохранить как GeoJSON
save-dialog-csv = Сохранить как CSV
save-table-written = { $count ->
    [one] { $count } строка записана
    [few] { $count } строки записаны
    [many] { $count } строк записано
   *[other] { $count } строки записано
} в { $path }
save-exported = { $count ->
    [one] { $count } объект экспортирован
    [few] { $count } объекта экспортировано
    [many] { $count } объектов экспортировано
   *[other] { $count } объекта экспортировано
} в { $path }
save-saved = Сохранено в { $path } (предыдущая версия сохранена как .bak)
table-export-csv = Экспорт CSV…
table-export-csv-tooltip = Записать показанные строки и столбцы в CSV (UTF-8, открывается в электронных таблицах)
statistics-export-csv = Экспорт статистики в CSV…
statistics-export-csv-tooltip = Записать показанные цифры в CSV (UTF-8, открывается в электронных таблицах)
layers-unsaved = Несохранённые правки
layers-save = Сохранить…
layers-save-tooltip = Сохранить правки слоя в его файл
export-summary-features = Объектов: { $features }, слоёв: { $layers }
export-summary-renamed = аннотация { $key } записана как { $written } (у объектов уже есть { $key }: { $count })
export-summary-replaces = аннотация { $key } заменяет значение у объектов: { $count }
export-summary-removed = удалены персональные данные: { $key } у объектов: { $count }
export-summary-generalised = обобщены места инцидентов: { $count }
export-summary-winding = исправлен порядок обхода колец (RFC 7946): объектов: { $count }
export-summary-closed = замкнуты незамкнутые кольца: объектов: { $count }
export-summary-rounded = округлены координаты: объектов: { $count }
export-summary-dropped = член коллекции "{ $member }" удалён (RFC 7946)
export-summary-conflicting = член коллекции "{ $member }" различается между слоями: взят из первого слоя
## render
map-image-legend = Легенда
map-image-data-credit = Данные: { $layers }
map-image-basemap-credit = Подложка: { $sources }
map-image-made = Создано в minemap { $date }
map-image-dialog-title = Экспорт изображения карты
map-image-size = Размер
map-image-preset-a4-150 = A4 альбомная, 150 DPI
map-image-preset-a4-300 = A4 альбомная, 300 DPI
map-image-preset-window = Текущее окно
map-image-preset-custom = Свой размер
map-image-width = Ширина (пикс.)
map-image-height = Высота (пикс.)
map-image-dpi = DPI
map-image-title = Заголовок
map-image-include-legend = Легенда
map-image-include-grid = Сетка MGRS/UTM
map-image-save = Сохранить как PNG…
map-image-cancel = Отмена
map-image-saved = Изображение карты сохранено: { $path } ({ $width } × { $height } пикс.)
map-image-failed = Изображение карты не сохранено: { $reason }
map-image-rendering = Отрисовка изображения карты…
map-image-tiles-note = Пакеты тайлов и онлайн-карты в изображение не попадают: рисуется встроенная карта.
action-export-map-image = Экспорт изображения карты…
action-export-map-image-tooltip = Сохранить карту в PNG для отчёта: заголовок, легенда, масштабная линейка, стрелка севера, сетка
action-toggle-grid = Сетка MGRS/UTM
action-toggle-grid-tooltip = Показать или скрыть сетку MGRS/UTM (границы зон, квадраты 100 км, более мелкие линии по масштабу)
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
## qamsg
qa-msg-no-geometry = у объекта нет геометрии (null): его нельзя нарисовать или измерить
qa-msg-unreadable = { $reason } — объект сохранён без геометрии
qa-msg-ring-positions = в контуре { $positions ->
    [one] { $positions } позиция
    [few] { $positions } позиции
    [many] { $positions } позиций
   *[other] { $positions } позиции
}, а контуру нужно не менее 4
qa-msg-ring-not-closed = контур не замкнут: его последняя позиция не совпадает с первой
qa-msg-no-coordinates = у геометрии { $type } нет координат
qa-msg-axes-swapped = у координаты { $at } широта { $lat } за пределами ±90: похоже, широта и долгота перепутаны
qa-msg-out-of-range = координата { $at } вне пределов: долгота −180..180, широта −90..90
qa-msg-long-segment = соседние вершины { $from } и { $to } отстоят друг от друга на { $length }, больше { $max } — опечатка в координате?
qa-msg-long-segment-more = ({ $count ->
    [one] { $count } сегмент
    [few] { $count } сегмента
    [many] { $count } сегментов
   *[other] { $count } сегмента
} { $part ->
    [line] этой линии
    [ring] этого контура
   *[hole] этого отверстия
} длиннее { $max })
qa-msg-repeated-vertex = вершина { $at } повторяется подряд
qa-msg-repeated-vertex-more = ({ $count ->
    [one] { $count } повторяющаяся вершина
    [few] { $count } повторяющиеся вершины
    [many] { $count } повторяющихся вершин
   *[other] { $count } повторяющейся вершины
} { $part ->
    [line] в этой линии
    [ring] в этом контуре
   *[hole] в этом отверстии
})
qa-msg-line-too-few = у линии меньше 2 различных вершин
qa-msg-ring-too-few = { $part ->
    [ring] у контура
   *[hole] у отверстия
} { $distinct ->
    [one] { $distinct } различная вершина
    [few] { $distinct } различные вершины
    [many] { $distinct } различных вершин
   *[other] { $distinct } различной вершины
}, а контуру полигона нужно не менее 3
qa-msg-runs-back = граница идёт обратно по самой себе в точке { $at }
qa-msg-crosses = граница пересекает саму себя в точке { $at }
qa-msg-hole-crosses = отверстие пересекает другой контур в точке { $at }
qa-msg-touches = граница касается самой себя в точке { $at }
qa-msg-crossings-more = ({ $count ->
    [one] { $count } пересечение
    [few] { $count } пересечения
    [many] { $count } пересечений
   *[other] { $count } пересечения
} в этом полигоне)
qa-msg-hole-outside = отверстие полигона выходит за его внешний контур в точке { $at }
qa-msg-duplicate-id = идентификатор { $id } уже есть у объекта { $first }; идентификаторы должны быть уникальными
qa-msg-duplicate-geometry = геометрия совпадает с геометрией объекта { $first } (идентификатор { $first-id }): дубликат?
qa-msg-overlap = этот опасный район перекрывается с опасным районом — объектом { $other } (идентификатор { $other-id }) — на { $area }; площадь перекрытия была бы учтена дважды
qa-msg-overlap-other-file = этот опасный район перекрывается с опасным районом — объектом { $other } (идентификатор { $other-id }) из { $file } — на { $area }; площадь перекрытия была бы учтена дважды

## Planner: why an area cannot be split (i18n::labels::split_error)
split-word-width = ширина
split-word-depth = глубина
split-word-strips = полос
split-word-parts = частей
split-error-bad-cell-size = { $what } ячейки { $value } м — не положительное число метров
split-error-zero-count = число { $what } должно быть не меньше 1
split-error-bad-sliver = порог мелких остатков { $value } — не доля между 0 и 1 (0,2 присоединяет ячейки меньше 20 % ячейки)
split-error-too-many = план дал бы около { $estimated } секторов, больше { $limit }: выберите ячейки крупнее или меньше частей
split-error-not-polygon = { $kind } нельзя разделить на секторы: только Polygon или MultiPolygon
split-error-empty = геометрия пуста
split-error-invalid = геометрия некорректна: { $why }
split-error-too-large = район { $extent } км в поперечнике; секторы режутся в одной локальной плоскости, не более { $max } км
split-error-bad-orientation = неверная ориентация: { $why }
split-error-cover-mismatch = площади секторов в сумме { $sum }, а у опасного района { $parent } — не перекрываются ли части MultiPolygon? (запустите контроль)
split-error-cancelled = разделение отменено
