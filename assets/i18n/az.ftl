# minemap'in interfeysi Azərbaycan dilində (latın qrafikası). Açarlar en.ftl ilə eynidir.
# Terminlər: IMAS 04.10 lüğətinin Azərbaycan dilində qəbul olunmuş qarşılıqları
# (təhlükəli ərazi, şübhəli təhlükəli ərazi, təsdiqlənmiş təhlükəli ərazi, minatəmizləmə).
# Azərbaycan dilində saydan sonra isim tək haldadır: "3 obyekt".

## Languages
language = Dil
language-follow-system = Sistemin dili

## Menu
menu-file = Fayl
menu-open-geojson = GeoJSON aç…
menu-open-tile-package = Tayl paketini aç (MBTiles, PMTiles)…
menu-quit = Çıxış
menu-view = Görünüş
menu-zoom-all = Bütün laylara yaxınlaşdır
menu-coordinates = Koordinatlar
menu-help = Kömək
help-about = minemap — minatəmizləmə üçün oflayn CİS
help-keys = Sürüşdürmə: siçanla dartın və ya ox düymələri · Miqyas: təkər, +/− · Home: hamısını göstər · Esc: seçimi ləğv et
help-click = Baxmaq üçün obyektin üzərinə klikləyin; bir neçə sətir seçmək üçün cədvəldə Ctrl+klik.
menu-edit = Redaktə
menu-undo-what = Geri qaytar: { $what }
menu-redo-what = Təkrarla: { $what }
help-filters = Filtrlər (laylar paneli) OGC CQL2 dilində yazılır, məsələn "status" = 'open' AND "classification" IN ('cha','sha').

## File dialogs
dialog-open = Aç
dialog-open-tile-package = Tayl paketini aç
filter-geojson = GeoJSON
filter-tile-packages = Tayl paketləri
filter-all-files = Bütün fayllar

## Messages window
messages-title = Bildirişlər
message-error = Xəta
message-warning = Xəbərdarlıq
message-note = Qeyd
message-dismiss = Bağla
message-dismiss-all = Hamısını bağla
message-details = { $count } təfərrüat

## Layers panel
layers-title = Laylar
layers-loading = Yüklənir: { $name }
layers-empty = Lay yoxdur. GeoJSON fayllarını "Fayl" menyusundan açın və ya pəncərəyə sürükləyin.
layer-show-hide = Göstər və ya gizlət
layer-up = Yuxarı
layer-move-up = Yuxarı köçür
layer-down = Aşağı
layer-move-down = Aşağı köçür
layer-zoom-to = Yaxınlaşdır
layer-close = Bağla
layer-opacity = Qeyri-şəffaflıq
layer-role-and-properties = Rol və atributlar
layer-role = Layın rolu
layer-legend = Şərti işarələr
features-count = { $count } obyekt
layer-filter = Filtr
layer-filter-shown = Filtr ({ $total } obyektdən { $shown } göstərilir)
layer-shown-of-total = ({ $shown } / { $total } göstərilir)
layer-shown-of-total-hint = Layın filtrindən keçən obyektlər / bütün obyektlər
layer-table = Cədvəl
layer-table-hint = Layı atribut cədvəlində göstər
layer-symbology = Üslub və yazılar

## Basemap selector
basemap-title = Əsas xəritə: { $name }
basemap-embedded = Daxili (oflayn, Natural Earth)
basemap-none = Yoxdur
basemap-online-cached = { $name } (onlayn, keşlənir)
basemap-open-package = Tayl paketini aç (MBTiles, PMTiles)…
basemap-draw-over = Əsas xəritənin üstündə göstər
basemap-opacity = Qeyri-şəffaflıq
basemap-online-sources = Onlayn mənbələr
basemap-forget = Unut
basemap-forget-hint = Bu mənbəni siyahıdan sil
basemap-add-source = Mənbə əlavə et
basemap-name = Ad
basemap-name-hint = Ortofotoplan
basemap-url-template = URL şablonu
basemap-attribution = Müəllif hüququ qeydi
basemap-attribution-hint = © taylların sahibi
basemap-cache-note = Bir dəfə baxılmış taylar oflayn istifadə üçün diskdə saxlanılır. Xidmətin şərtlərinə əməl edin: kütləvi yükləmə olmaz.
basemap-add-and-show = Əlavə et və göstər
basemap-embedded-short = Daxili (oflayn)
basemap-note-offline = { $name }: şəbəkə yoxdur — yalnız keşdəki tayllar
basemap-note-outside = { $name }: görüntü paketin ərazisindən kənardadır
basemap-note-below-zoom = { $name }: { $zoom } səviyyəsindən kiçik miqyasda tayl yoxdur — yaxınlaşdırın
basemap-note-over-zoom = { $name }: { $zoom } səviyyəsindən böyük miqyas — tayllar böyüdülüb

## Inspector
inspector-title = Obyekt məlumatı
inspector-empty = Baxmaq üçün xəritədə obyektin üzərinə klikləyin.
inspector-gone = Seçilmiş obyekt artıq yüklənməyib.
inspector-select-it = Seç
inspector-in-hazard-area = Təhlükəli ərazidədir
inspector-nearest-hazard = Ən yaxın təhlükəli ərazi
inspector-distance-away = { $distance } m məsafədə
inspector-hazard-area = Təhlükəli ərazi
inspector-none-loaded = yüklənməyib
inspector-possible-indication = Heç bir təhlükəli ərazidə deyil: ehtimal olunan yeni göstərici
inspector-incidents-inside = Daxilindəki hadisələr
inspector-within = { $distance } m daxilində
incidents-with-casualties = { $incidents } ({ $casualties } zərərçəkən)
inspector-feature = Obyekt { $id }
inspector-zoom-to = Yaxınlaşdır
inspector-clear = Təmizlə
inspector-feature-of-file = { $layer } · { $geometry } · faylın { $index } nömrəli obyekti
inspector-area-geodesic = Sahə (geodezik)
inspector-perimeter = Perimetr
inspector-length = Uzunluq
inspector-position = Mövqe
inspector-centroid = Mərkəz nöqtəsi
inspector-note = Qeyd: { $message }
inspector-properties = Atributlar
inspector-other-members = Digər üzvlər
inspector-casualties = Zərərçəkənlər: { $count }
inspector-area = Sahə: { $area }
inspector-click-to-edit = Dəyişmək üçün klikləyin (Enter saxlayır, Esc imtina edir; Ctrl+Z geri qaytarır)

## Statistics
stats-title = Statistika
stats-intro = Görünən laylar; sahələr geodezikdir (WGS84). Birləşmədə üst-üstə düşən hissələr bir dəfə sayılır.
stats-group-by = Qruplaşdır
stats-computing-union = Birləşmə sahələri hesablanır…
stats-features = Obyektlər
stats-features-detail = { $features } ({ $areas } sahə, { $points } nöqtə, { $lines } xətt)
stats-area-sum = Sahə (cəm)
stats-area-union = Sahə (birləşmə)
stats-perimeter-sum = Perimetr (cəm)
stats-incidents = Hadisələr
stats-killed-injured = Həlak olan / yaralanan
stats-killed-injured-value = { $killed } / { $injured } (zərərçəkən { $victims })
stats-land-release = Ərazilərin azad edilməsi
stats-no-estimate = { $count } təhlükəli ərazinin təxmini sahəsi yox idi: geodezik sahəsi götürüldü
stats-incidents-and-hazards = Hadisələr və təhlükəli ərazilər
stats-buffer = Bufer
stats-buffer-hint = Təhlükəli əraziyə bu qədər yaxın olan hadisələr onun yaxınlığında sayılır
stats-flag-beyond = Bundan uzaqdırsa qeyd et
stats-flag-beyond-hint = Bütün təhlükəli ərazilərdən kənarda və bundan uzaqda olan hadisələr ehtimal olunan yeni göstəricilərdir
stats-linking = Hadisələr təhlükəli ərazilərlə əlaqələndirilir…
stats-inside-hazard = Təhlükəli ərazinin daxilində
stats-outside-every-hazard = Bütün təhlükəli ərazilərdən kənarda
stats-incidents-casualties = { $incidents } hadisə, { $casualties } zərərçəkən
stats-possible-indications = Ehtimal olunan yeni göstəricilər
stats-possible-indications-count = Ehtimal olunan yeni göstəricilər ({ $count })
stats-no-hazard-area = təhlükəli ərazi yoxdur
stats-distance-from = { $hazard } ərazisindən { $distance } m
stats-and-more = … və daha { $count }
stats-hazards-with-incidents = Hadisə olan təhlükəli ərazilər ({ $count })
stats-hazard-area = Təhlükəli ərazi
stats-inside = Daxilində
stats-within = { $distance } m daxilində
stats-casualties-short = { $incidents } ({ $casualties } zər.)

## Geometry QA
qa-title = Həndəsənin keyfiyyət yoxlaması
qa-long-segment-over = Uzun seqment, həddi
qa-check-again = Yenidən yoxla
qa-overlaps = Təhlükəli ərazilərin üst-üstə düşməsi
qa-overlaps-hint = Cüt-cüt yoxlanır: çox böyük verilənlərdə yavaşdır, ona görə 50 000 obyektdən çox olanda söndürülmüş başlayır
qa-checking = Həndəsə yoxlanılır…
qa-no-layers = Lay yoxdur.
qa-no-problems = Problem tapılmadı.
qa-all = Hamısı ({ $count })
qa-problems-summary = { $features } obyektdə { $problems } problem
qa-filter-note = Yalnız hər layın filtrindən keçən obyektlər yoxlanılır.

## Status bar
status-pointer = Kursor
status-pointer-position = Kursorun mövqeyi
status-zoom-scale = Miqyas səviyyəsi { $zoom } · 1:{ $scale }
status-go-to = Keç
status-go = Keç
status-go-to-hint = 40.1, 47.5 · 38T 612345 4441234 · 38TNK1234541234 · Şuşa
status-place-not-found = "{ $text }" nə koordinatdır, nə də xəritədə yaşayış məntəqəsi

## Tabs and panels
tab-inspector = Obyekt
tab-statistics = Statistika
tab-qa = Keyfiyyət yoxlaması
tab-qa-count = Keyfiyyət yoxlaması ({ $count })
tab-planner = Planlaşdırma

## Actions
action-open = Aç…
action-open-tooltip = GeoJSON fayllarını və ya tayl paketlərini aç
action-undo = Geri qaytar
action-undo-tooltip = Verilənlərin son dəyişikliyini geri qaytar
action-redo = Təkrarla
action-redo-tooltip = Geri qaytarılmış dəyişikliyi təkrarla
action-zoom-to-all = Bütün laylara yaxınlaşdır
action-zoom-to-all-tooltip = Xəritəni bütün laylara uyğunlaşdır
action-clear-selection = Seçimi ləğv et
action-clear-selection-tooltip = Heç nə seçmə
action-toggle-table = Atribut cədvəli
action-toggle-table-tooltip = Atribut cədvəlini göstər və ya gizlət
action-toggle-layers = Laylar paneli
action-toggle-layers-tooltip = Laylar panelini göstər və ya gizlət
action-toggle-inspector = Xüsusiyyətlər paneli
action-toggle-inspector-tooltip = Xüsusiyyətləri, statistikanı və keyfiyyət yoxlamasını göstər və ya gizlət

## Property roles
prop-name = Ad
prop-classification = Təsnifat
prop-status = Status
prop-contamination = Çirklənmə növü
prop-date = Tarix
prop-killed = Həlak olanlar
prop-injured = Yaralananlar
prop-casualties = Zərərçəkənlər
prop-region = Rayon
prop-estimated-area = Təxmini sahə (m²)
prop-cancelled-area = Ləğv edilmiş sahə (m²)
prop-reduced-area = Azaldılmış sahə (m²)
prop-cleared-area = Təmizlənmiş sahə (m²)
prop-hazard-id = Təhlükəli ərazinin kodu

## Tool bar
tool-select = Seç
tool-measure = Ölç
tool-polygon = Poliqon çək
tool-rectangle = Düzbucaqlı çək
tool-base-line = Baza xətti çək
tool-select-help = Seçmək üçün obyektin üzərinə klikləyin; seçilmiş poliqonun təpəsini dartıb yerini dəyişin, tilin ortasını dartıb yeni təpə əlavə edin
tool-measure-help = Yol boyunca klikləyin: geodeziya üzrə məsafə və sahə. Esc təmizləyir
tool-polygon-help = Təpələri klikləyin; ikiqat klik və ya Enter bitirir, Backspace sonuncunu silir, Esc ləğv edir
tool-rectangle-help = İki qarşı küncü klikləyin
tool-base-line-help = Baza xəttinin əvvəlini və sonunu klikləyin (Enter bitirir); planlaşdırıcı sektorları ondan qurur
tool-snap = Yapışma
tool-snap-hint = Çəkilmiş obyektlərin təpə və tillərinə yapışdır (müvəqqəti söndürmək üçün Alt-ı basılı saxlayın)
tool-into = laya
tool-finish = Bitir
tool-finish-hint = Enter və ya ikiqat klik
tool-cancel = Ləğv et
tool-bearing = Azimut
tool-distance = məsafə
tool-add-leg-from-benchmark = Reperdən hissə əlavə et
tool-add-leg-from-last = Son təpədən hissə əlavə et
tool-add-leg-hint = Mina sahəsinin sxemindəki kimi gediş hissəsi; birinci hissə koordinat xanasına yazılmış reperdən başlayır
tool-benchmark-error = reper: { $why }
tool-coordinate = Koordinat
tool-add-point = Nöqtə əlavə et
tool-segment = Hissə { $length }, azimut { $bearing }°
tool-length = Uzunluq { $length }
tool-perimeter-area = Perimetr { $perimeter } · sahə { $area }
coord-dd = DD
coord-dms = DDS
coord-utm = UTM
coord-mgrs = MGRS

## Attribute table
table-title = Atribut cədvəli
table-no-layers = Lay yoxdur.
table-feature-id = obyektin kodu
table-area = sahə ({ $unit }, geodeziya)
table-perimeter = perimetr ({ $unit })
table-ascending = artan
table-descending = azalan
table-sort-hint = Bu sütuna görə sırala (yenə: azalan, yenə: fayldakı sıra)
table-edit-cell = Xananı dəyiş
table-copy-cell = Xananı kopyala
table-copy-row = Sətri kopyala
table-edited-not-saved = Dəyişdirilib, saxlanılmayıb
table-rows = { $count } sətir
table-only-selected = Yalnız seçilənlər ({ $count })
table-select-shown = Göstəriləni seç
table-select-shown-hint = Cədvəldə göstərilən bütün sətirləri seç
table-new-column = Yeni sütun
table-add-column = Əlavə et
table-add-column-hint = Sütunu (boş) layın bütün obyektlərinə əlavə et
table-set = Təyin et
table-set-to = qiymət
table-value-hint = qiymət
table-for-selected = seçilənlərə ({ $count })
table-for-shown = göstərilənlərə ({ $count })
table-for-shown-hint = Cədvəldə göstərilən bütün sətirlərə (filtrdən keçən obyektlərə)

## Filters
filter-all = Hamısı
filter-none = Heç biri
filter-add-category-list = Kateqoriya siyahısı əlavə et…
filter-date = Tarix
filter-from = Başlanğıc
filter-to = Son
filter-date-hint = İİİİ-AA-GG
filter-apply-dates = Tarixləri tətbiq et
filter-last-12-months = Son 12 ay
filter-last-30-days = Son 30 gün
filter-this-year = Bu il
filter-any-date = İstənilən tarix
filter-remove = Sil
filter-remove-range = Bu aralığı sil
filter-range = Aralıq
filter-min = min
filter-max = maks
filter-add-range = Aralıq əlavə et
filter-text = Mətn
filter-text-hint = istənilən qiymətdə
filter-in-view = Yalnız xəritənin cari görüntüsündə
filter-within = Məsafə daxilində
filter-of-selected = seçilmiş obyektdən
filter-of-feature = { $feature } obyektindən
filter-cql2 = CQL2 ifadəsi
filter-apply = Tətbiq et
filter-apply-hint = İfadəni tətbiq et (Ctrl+Enter)
filter-clear = Filtri təmizlə
filter-unknown-properties = Heç bir obyektdə { $properties } yoxdur: boş sayılır
filter-typed-applied = Yazılmış ifadə tətbiq olunub; yuxarıdakı elementlər onu əvəz edəcək.

## Symbology
style-style = Üslub
style-gichd = GICHD şablonu
style-categorised = Kateqoriyalar üzrə
style-graduated = Pilləli
style-single = Tək rəng
style-gichd-note = Rəng təsnifata, kontur statusa görə (GICHD TN 07.11/01).
style-property = Atribut
style-palette = Palitra
style-method = Metod
style-equal-interval = Bərabər intervallar
style-quantile = Kvantillər
style-classes = sinif
style-colour = Rəng
style-fill-opacity = doldurmanın qeyri-şəffaflığı
style-labels = Yazılar
style-label = Yazı
style-size = ölçü
style-legend-click-hint = Bu obyektləri göstərmək və ya gizlətmək üçün klikləyin

## Clearance planner
planner-title = Minalardan təmizləmənin planlaşdırılması
planner-hazard-area = Təhlükəli ərazi { $id }
planner-select-hint = Sektorlara bölmək üçün xəritədə və ya cədvəldə təhlükəli ərazi seçin.
planner-divide-into = Bölmə üsulu
planner-boxes = Kvadratlar
planner-lanes = Zolaqlar
planner-equal-parts = Bərabər hissələr
planner-box = Kvadrat
planner-merge-slivers = Kiçik qırıntıları birləşdir, hədd
planner-merge-slivers-hint = Sərhədin tam kvadratın bu payından kiçik qoyduğu kvadratlar qonşusuna birləşdirilir
planner-number = Say
planner-base-line = Baza xətti
planner-longest-side = Ən uzun tərəf
planner-longest-side-hint = Ərazinin minimal fırlanmış düzbucaqlısının ən uzun tərəfi boyunca
planner-bearing = Azimut
planner-bearing-hint = Baza xəttinin azimutu, şimaldan saat əqrəbi istiqamətində
planner-estimate-effort = Əmək sərfini qiymətləndir (komanda-gün)
planner-asset = Vasitə
planner-rate = Norma, { $asset } (m²/komanda-gün)
planner-teams = Komandalar
planner-no-rate = "{ $asset }" üçün təmizləmə normasını daxil edin (m² / komanda-gün): normalar sizin proqramınıza aiddir, minemap-də hazır norma yoxdur
planner-no-teams = Komandaların sayı ən azı 1 olmalıdır
planner-ts-sampling = Mina ehtimalına görə texniki tədqiqat seçməsi
planner-preview = Öncədən baxış: { $count } sektor, { $area } ({ $ms } ms)
planner-split-into = { $count } sektora böl
planner-split-hint = Sektorları təmizləmə sektorları layına əlavə edir, bu ərazinin əvvəlki sektorlarını əvəz edir; Ctrl+Z geri qaytarır
planner-cannot-split = Bölmək mümkün deyil: { $why }
planner-see-qa = Həndəsədəki problemlər "Keyfiyyət yoxlaması" vərəqində göstərilir.
planner-plan = Plan
planner-no-sectors = Hələ təmizləmə sektoru yoxdur.
planner-sectors-of = { $id } sektorları
planner-all-sectors-in = { $layer } layındakı bütün sektorlar
planner-sectors = Sektorlar
planner-sectors-without-effort = { $count } (qiymətləndirilməyən: { $unplanned })
planner-area = Sahə
planner-team-days = Komanda-gün
planner-calendar-days = Təqvim günləri
planner-ts-sample = TT seçməsi
planner-asset-summary = { $count } sektor, { $team_days } komanda-gün, { $days } gün
asset-manual = Əl ilə təmizləmə
asset-mdd = Mina axtaran itlər
asset-mechanical = Mexaniki

## App messages and edit names
msg-basemap-kept = { $why } — əvvəlki əsas xəritə qalır
msg-column-needs-name = Yeni sütunun adı olmalıdır
msg-column-exists = Bütün obyektlərdə artıq "{ $key }" atributu var
msg-no-geometry = onun həndəsəsi yoxdur
msg-not-split = { $id } bölünmədi: { $why }
msg-polygon-three-vertices = Poliqon üçün ən azı üç fərqli təpə lazımdır
msg-base-line-two-points = Baza xətti üçün iki fərqli nöqtə lazımdır
msg-filter-not-applied = { $layer } layının filtri tətbiq olunmadı: { $why }
msg-could-not-open = Açmaq mümkün olmadı: { $why }
msg-loaded-with-warnings = { $file }: { $count } obyekt yükləndi, onlardan { $unusable } yararsız həndəsəlidir (saxlanılıb, çəkilmir)
job-union-areas = Birləşmə sahələri
job-incident-links = Hadisələrin əlaqələri
job-failed = { $what } alınmadı: { $why }
edit-add-column = { $key } sütununun əlavə edilməsi
edit-geometry-of = { $id } həndəsəsi
edit-draw-sector = { $id } sektorunun çəkilməsi
edit-delete-one = { $id } silinməsi
edit-delete-many = { $count } obyektin silinməsi
edit-split = { $id } ərazisinin { $count } sektora bölünməsi
edit-property-of-one = { $id }: { $key }
edit-property-of-many = { $count } obyekt: { $key }

## Command line: validate (minemap validate --format text)
validate-summary = { $files } fayldan { $features } obyektdə { $problems } problem

## Classification (IMAS 07.11)
classification-indication = Göstərici (yoxlanılmamış məlumat)
classification-sha = Şübhəli təhlükəli ərazi (SHA)
classification-cha = Təsdiqlənmiş təhlükəli ərazi (CHA)

## Hazard area status
status-open = Açıq
status-worked_on = İş aparılır
status-closed = Bağlanıb
status-suspended = Dayandırılıb

## Contamination
contamination-ap_mine = Piyada əleyhinə mina
contamination-at_mine = Tank əleyhinə mina
contamination-uxo = Partlamamış hərbi sursat (UXO)
contamination-axo = Tərk edilmiş hərbi sursat (AXO)
contamination-cmr = Kaset sursatının qalıqları
contamination-ied = Əl üsulu ilə hazırlanmış partlayıcı qurğu (İED)
contamination-booby_trap = Mina-tələ
contamination-unknown = Naməlum

## Accident types
accident-civilian = Mülki şəxslə bədbəxt hadisə
accident-demining = Minatəmizləmə zamanı bədbəxt hadisə
accident-military = Hərbçi ilə bədbəxt hadisə
accident-unknown = Növü məlum olmayan bədbəxt hadisə

## Layer roles
role-hazard_areas = Təhlükəli ərazilər
role-incidents = Hadisələr
role-clearance_sectors = Təmizləmə sektorları
role-activities = Fəaliyyətlər
role-other = Digər

## Land release
lr-estimated = Təxmini sahə
lr-cancelled = Ləğv edilib (QTS)
lr-reduced = Azaldılıb (TS)
lr-cleared = Təmizlənib
lr-remaining = Qalan

## QA problem kinds (analysis::qa::ProblemKind)
qa-self_intersection = Özü ilə kəsişmə
qa-too_few_vertices = Təpə nöqtələri azdır
qa-duplicate_vertex = Təkrarlanan təpə nöqtəsi
qa-long_segment = Uzun seqment
qa-coordinates_out_of_range = Koordinatlar hüdudlardan kənardır
qa-unclosed_ring = Qapanmamış kontur
qa-hole_outside_shell = Boşluq xarici konturdan kənardadır
qa-empty_geometry = Boş həndəsə
qa-null_geometry = Həndəsə yoxdur
qa-duplicate_id = Təkrarlanan identifikator
qa-duplicate_geometry = Təkrarlanan həndəsə
qa-overlap = Üst-üstə düşmə

## Legend (map::style::legend_entries)
legend-casualties = { $count } zərərçəkən
legend-clearance-sector = Təmizləmə sektoru
legend-activity = Fəaliyyət
legend-feature = Obyekt
legend-other = Digər
legend-no-value = Qiymət yoxdur
legend-unclassified = Təsnif edilməyib
legend-unknown-status = Status məlum deyil
legend-no-casualty = Zərərçəkən qeydə alınmayıb
legend-casualties-range = { $from }–{ $to } zərərçəkən
legend-casualties-or-more = { $from } və daha çox zərərçəkən
legend-other-geometry = Digər həndəsə
legend-other-values = Digər ({ $count } qiymət)

## Text report (minemap report --format text)
report-file = fayl
report-index = sıra
report-id = id
report-type = növ
report-area-m2 = sahə m²
report-perimeter-m = perimetr m
report-nearest-hazard = ən yaxın təhlükəli ərazi (m)
report-none = yoxdur
report-totals = Cəmi: { $features } obyekt ({ $polygons } poliqon, { $points } nöqtə)
report-sum-of-areas = sahələrin cəmi:
report-union-area = birləşmə sahəsi:
report-overlaps-once = üst-üstə düşənlər bir dəfə sayılır
report-by = { $key } üzrə:
report-value = dəyər
report-features = obyekt
report-union-m2 = birləşmə m²
report-land-release = Ərazilərin azad edilməsi ({ $count } təhlükəli ərazi):
report-no-estimate = ({ $count } təhlükəli ərazinin təxmini sahəsi yoxdur: geodezik sahəsi götürülür)

## recover
autosave-error = Avtomatik saxlama: { $reason }
autosave-off = Bu seansda avtomatik saxlama söndürülüb
recover-title = Saxlanmamış düzəlişlər tapıldı
recover-summary = { $when } tarixli saxlanmamış düzəlişlər: { $files } içində { $count } düzəliş
recover-no-file = minemap-də yaradılıb
recover-problems = Bərpa faylının { $count } hissəsi oxunmadı (qalanı bərpa oluna bilər):
recover-restore = Bərpa et
recover-restore-tip = Bu faylları açıb düzəlişləri yenidən tətbiq et; «Geri al» hər faylın bərpasını ləğv edir
recover-discard = Sil
recover-discard-tip = Bu düzəlişləri həmişəlik sil
recover-later = Sonra
recover-later-tip = Növbəti açılışda qərar ver; düzəlişlər bərpa faylında qalır
recover-not-open = { $name } açılmadı: onun { $count } düzəlişi bərpa olunmadı
recover-file-changed = { $name } düzəlişlərdən sonra dəyişib: onun { $count } düzəlişi bərpa olunmadı
recover-not-applied = { $name }: düzəlişlər fayla uyğun gəlmir ({ $reason }); ondan heç nə bərpa olunmadı
recover-kept = Bərpa olunmayan düzəlişlər { $path } faylında saxlanılır
recover-done = Saxlanmamış düzəlişlər bərpa olundu: { $files } («Geri al» onları ləğv edir)
recover-step = { $name } faylının saxlanmamış düzəlişlərinin bərpası
project-open = Layihəni aç…
project-open-tip = minemap layihəsini (*.minemap.json) aç: laylar, rollar, üslublar, filtrlər, əsas xəritə və görünüş
project-save = Layihəni saxla
project-save-tip = Layları (yollarla), rolları, üslubları, filtrləri, əsas xəritəni və görünüşü layihə faylına saxla
project-save-as = Layihəni fərqli saxla…
project-files = minemap layihələri
project-saved = Layihə { $path } faylına saxlanıldı ({ $count } lay)
project-not-saved = Layihə saxlanılmadı: { $reason }
project-layers-without-file = Layihəyə daxil edilmədi (faylı yoxdur; əvvəlcə saxlayın): { $names }
project-missing = Layihənin { $count } faylı tapılmadı; qalan laylar açılır:
## save
action-save = Saxla
action-save-tooltip = Aktiv layın düzəlişlərini öz faylına yaz (əvvəlki versiya .bak kimi saxlanılır)
action-save-as = Fərqli saxla…
action-save-as-tooltip = Aktiv layı başqa GeoJSON faylına yaz; o fayl layın faylı olur
action-export = İxrac…
action-export-tooltip = Layları annotasiyalar və məxfilik seçimləri ilə GeoJSON kimi ixrac et
export-title = GeoJSON ixracı
export-layers = Laylar (bir fayla yazılır)
export-layer-item = { $name } ({ $count } obyekt)
export-features = Obyektlər
export-scope-all = Hamısı ({ $count })
export-scope-selection = Seçilmişlər ({ $count })
export-scope-filtered = Layın filtrindən keçənlər ({ $count })
export-annotations = Əlavə ediləcək annotasiyalar
export-annotation-area = Geodeziya sahəsi (area_m2)
export-annotation-perimeter = Geodeziya perimetri (perimeter_m)
export-annotation-qa = Həndəsə problemləri (qa_problems)
export-annotation-links = Hadisələrin təhlükəli ərazilərlə əlaqəsi (hazard_id, distance_to_hazard_m)
export-annotation-counts = Təhlükəli ərazi üzrə hadisələr (incidents_inside, casualties_inside, …)
export-planner-note = Planlaşdırma sahələri (team_days, duration_days, …) və düzəldilmiş dəyərlər obyektlərin bir hissəsidir və həmişə ixrac olunur.
export-round = Koordinatları bu qədər onluq rəqəmə yuvarlaqlaşdır:
export-round-tooltip = 7 onluq rəqəm ≈ 1 sm; işarə olmasa, koordinatlar yazıldığı kimi saxlanılır
export-bbox = Kolleksiya və hər obyekt üçün bbox yaz
export-privacy = Şəxsi məlumatları sil (agentlikdən kənarda paylaşmaq üçün)
export-privacy-tooltip = Qurbanların sadalanan sahələrini silir və hadisə nöqtələrini şəbəkəyə köçürür
export-personal-keys = Bütün obyektlərdən silinən sahələr (vergüllə):
export-incident-keys = Yalnız hadisələrdən silinən sahələr:
export-generalise = Hadisə yerlərini yuvarlaqlaşdır:
export-summary = İxrac nə edəcək
export-no-layers = Ən azı bir lay seçin.
export-checking = İxrac yoxlanılır…
export-collision-question = Məlumatlarda artıq { $keys } var. Annotasiya başqa adla yazılsın, yoxsa məlumatların dəyərləri əvəz olunsun?
export-collision-prefix = Məlumatların dəyərlərini saxla; annotasiyanı minemap_… kimi yaz
export-collision-overwrite = Məlumatların dəyərlərini annotasiya ilə əvəz et
export-write = Fayl seç və ixrac et…
export-write-tooltip = Faylı seçin, sonra o, arxa planda yazılacaq
export-close = Bağla
save-confirm-title = Lay öz faylına saxlanılsın?
save-confirm-text = { $layer } { $path } faylına yazılacaq. Əvvəlki versiya { $backup } kimi saxlanılır.
save-button = Saxla
save-cancel = Ləğv et
save-discard = Saxlama
save-unsaved-title = Saxlanılmamış düzəlişlər
save-close-unsaved-text = { $layer } layında saxlanılmamış düzəlişlər var. Layı bağlamazdan əvvəl saxlanılsın?
save-keeps-backup = Əvvəlki versiya { $backup } kimi saxlanılır
save-as-geojson-tooltip = Layın GeoJSON faylı yoxdur: birini seçin (GeoJSON kimi saxla)
save-quit-unsaved-text = Bu layların saxlanılmamış düzəlişləri var:
save-quit-no-file = • { $layer } (GeoJSON faylı yoxdur: əvvəlcə «Fərqli saxla»)
save-all-and-quit = Hamısını saxla və çıx
save-all-tooltip = Hər layı öz faylına saxla (.bak nüsxələri ilə), sonra çıx
save-all-disabled-tooltip = Bəzi layların GeoJSON faylı yoxdur: əvvəlcə onları «Fərqli saxla» ilə saxlayın
save-quit-discard = Saxlamadan çıx
save-progress-export = İxrac
save-progress-save = Saxlama
save-busy = Fayl hələ yazılır; bitəndən sonra yenidən cəhd edin.
save-cancelled = İxrac ləğv edildi; fayl dəyişmədi.
save-not-geojson = { $layer } GeoJSON faylından oxunmayıb və yerində saxlanıla bilməz: onu GeoJSON kimi saxlayın.
save-dialog-geojson = GeoJSON kimi saxla
save-dialog-csv = CSV kimi saxla
save-table-written = { $count } sətir { $path } faylına yazıldı
save-exported = { $count } obyekt { $path } faylına ixrac edildi
save-saved = { $path } faylına saxlanıldı (əvvəlki versiya .bak kimi saxlanılır)
table-export-csv = CSV ixracı…
table-export-csv-tooltip = Göstərilən sətirləri və sütunları CSV kimi yaz (UTF-8, cədvəl proqramlarında açılır)
statistics-export-csv = Statistikanı CSV kimi ixrac et…
statistics-export-csv-tooltip = Göstərilən rəqəmləri CSV kimi yaz (UTF-8, cədvəl proqramlarında açılır)
layers-unsaved = Saxlanılmamış düzəlişlər
layers-save = Saxla…
layers-save-tooltip = Layın düzəlişlərini öz faylına saxla
export-summary-features = { $layers } laydan { $features } obyekt
export-summary-renamed = { $key } annotasiyası { $written } kimi yazılır ({ $count } obyektdə artıq { $key } var)
export-summary-replaces = { $key } annotasiyası { $count } obyektin dəyərini əvəz edir
export-summary-removed = şəxsi məlumat silindi: { $count } obyektdən { $key }
export-summary-generalised = { $count } hadisə yeri ümumiləşdirildi
export-summary-winding = halqaların istiqaməti düzəldildi (RFC 7946): { $count } obyekt
export-summary-closed = qapanmamış halqa qapadıldı: { $count } obyekt
export-summary-rounded = koordinatlar yuvarlaqlaşdırıldı: { $count } obyekt
export-summary-dropped = kolleksiyanın "{ $member }" üzvü silindi (RFC 7946)
export-summary-conflicting = kolleksiyanın "{ $member }" üzvü laylar arasında fərqlidir: birinci layınkı saxlanılır
## render
map-image-legend = Şərti işarələr
map-image-data-credit = Məlumatlar: { $layers }
map-image-basemap-credit = Əsas xəritə: { $sources }
map-image-made = minemap ilə hazırlanıb: { $date }
map-image-dialog-title = Xəritə şəklini ixrac et
map-image-size = Ölçü
map-image-preset-a4-150 = A4 albom, 150 DPI
map-image-preset-a4-300 = A4 albom, 300 DPI
map-image-preset-window = Cari pəncərə
map-image-preset-custom = İstənilən ölçü
map-image-width = En (piksel)
map-image-height = Hündürlük (piksel)
map-image-dpi = DPI
map-image-title = Başlıq
map-image-include-legend = Şərti işarələr
map-image-include-grid = MGRS/UTM şəbəkəsi
map-image-save = PNG kimi saxla…
map-image-cancel = Ləğv et
map-image-saved = Xəritə şəkli saxlanıldı: { $path } ({ $width } × { $height } piksel)
map-image-failed = Xəritə şəkli saxlanılmadı: { $reason }
map-image-rendering = Xəritə şəkli çəkilir…
map-image-tiles-note = Kafel paketləri və onlayn xəritələr şəklə düşmür: daxili xəritə çəkilir.
action-export-map-image = Xəritə şəklini ixrac et…
action-export-map-image-tooltip = Xəritəni hesabat üçün PNG kimi saxla: başlıq, şərti işarələr, miqyas xətti, şimal oxu, şəbəkə
action-toggle-grid = MGRS/UTM şəbəkəsi
action-toggle-grid-tooltip = MGRS/UTM şəbəkəsini göstər və ya gizlət (zona sərhədləri, 100 km kvadratlar, miqyasa görə daha sıx xətlər)
## import
csv-import-title = CSV sütunları
csv-import-detected-latlon = Enlik "{ $lat }", uzunluq "{ $lon }" sütununda tapıldı.
csv-import-detected-wkt = WKT həndəsələri "{ $column }" sütununda tapıldı.
csv-import-detected-coordinate = Koordinatlar (MGRS, UTM və ya geopoint) "{ $column }" sütununda tapıldı.
csv-import-none-found = Koordinat sütunu tapılmadı: mövqeləri saxlayan sütunları seçin.
csv-import-delimiter = Ayırıcı
csv-import-geometry-from = Mövqelər
csv-import-source-latlon = Enlik və uzunluq sütunları
csv-import-source-wkt = WKT sütunu
csv-import-source-coordinate = Koordinat sütunu (MGRS, UTM, geopoint)
csv-import-latitude = Enlik
csv-import-longitude = Uzunluq
csv-import-wkt = WKT
csv-import-coordinate = Koordinatlar
csv-import-no-column = (seçin)
csv-import-preview = { $count ->
    [one] İlk { $count } sətir
   *[other] İlk { $count } sətir
}
csv-import-load = Yüklə
csv-import-cancel = Ləğv et
csv-import-choose-hint = Əvvəlcə sütunları seçin.
layer-source-crs = Koordinatlar: { $crs }
layer-source-crs-reprojected = Koordinatlar: { $crs }, WGS 84-ə çevrilib
## qamsg
qa-msg-no-geometry = obyektin həndəsəsi yoxdur (null): onu çəkmək və ölçmək olmur
qa-msg-unreadable = { $reason } — obyekt həndəsəsiz saxlanıldı
qa-msg-ring-positions = konturda { $positions } mövqe var, kontura isə ən azı 4 mövqe lazımdır
qa-msg-ring-not-closed = kontur qapanmayıb: son mövqeyi birincisi ilə üst-üstə düşmür
qa-msg-no-coordinates = { $type } həndəsəsinin koordinatları yoxdur
qa-msg-axes-swapped = { $at } koordinatının enliyi { $lat } ±90 həddini aşır: enlik və uzunluğun yeri dəyişik düşüb
qa-msg-out-of-range = { $at } koordinatı hüdudlardan kənardadır: uzunluq −180..180, enlik −90..90
qa-msg-long-segment = ardıcıl { $from } və { $to } təpə nöqtələri arasında { $length } məsafə var, { $max } həddindən çox — koordinatda yazı səhvi?
qa-msg-long-segment-more = (bu { $part ->
    [line] xəttin
    [ring] konturun
   *[hole] boşluğun
} { $count } seqmenti { $max } həddindən uzundur)
qa-msg-repeated-vertex = { $at } təpə nöqtəsi ardıcıl təkrarlanır
qa-msg-repeated-vertex-more = (bu { $part ->
    [line] xətdə
    [ring] konturda
   *[hole] boşluqda
} { $count } təkrarlanan təpə nöqtəsi)
qa-msg-line-too-few = xəttin 2-dən az fərqli təpə nöqtəsi var
qa-msg-ring-too-few = { $part ->
    [ring] konturun
   *[hole] boşluğun
} { $distinct } fərqli təpə nöqtəsi var, poliqon konturuna isə ən azı 3 lazımdır
qa-msg-runs-back = sərhəd { $at } nöqtəsində öz üzəri ilə geri qayıdır
qa-msg-crosses = sərhəd { $at } nöqtəsində özünü kəsir
qa-msg-hole-crosses = boşluq { $at } nöqtəsində başqa konturu kəsir
qa-msg-touches = sərhəd { $at } nöqtəsində özünə toxunur
qa-msg-crossings-more = (bu poliqonda { $count } kəsişmə)
qa-msg-hole-outside = poliqonun boşluğu { $at } nöqtəsində xarici konturdan kənara çıxır
qa-msg-duplicate-id = { $id } identifikatoru { $first } obyektində də istifadə olunur; identifikatorlar təkrarlanmamalıdır
qa-msg-duplicate-geometry = həndəsə { $first } obyektininki ilə eynidir (identifikator { $first-id }): dublikat?
qa-msg-overlap = bu təhlükəli ərazi { $other } obyekti olan təhlükəli ərazi ilə (identifikator { $other-id }) { $area } sahədə üst-üstə düşür; bu sahə iki dəfə hesablanardı
qa-msg-overlap-other-file = bu təhlükəli ərazi { $file } faylındakı { $other } obyekti olan təhlükəli ərazi ilə (identifikator { $other-id }) { $area } sahədə üst-üstə düşür; bu sahə iki dəfə hesablanardı

## Planner: why an area cannot be split (i18n::labels::split_error)
split-word-width = eni
split-word-depth = dərinliyi
split-word-strips = zolaqların sayı
split-word-parts = hissələrin sayı
split-error-bad-cell-size = xananın { $what } { $value } m müsbət metr ədədi deyil
split-error-zero-count = { $what } ən azı 1 olmalıdır
split-error-bad-sliver = kiçik qalıq həddi { $value } 0 ilə 1 arasında pay deyil (0,2 xananın 20 %-dən kiçik hissələri birləşdirir)
split-error-too-many = bu plan təxminən { $estimated } sektor yaradardı, { $limit }-dən çox: daha böyük xanalar və ya daha az hissə seçin
split-error-not-polygon = { $kind } sektorlara bölünə bilməz: yalnız Polygon və ya MultiPolygon bölünür
split-error-empty = həndəsə boşdur
split-error-invalid = həndəsə düzgün deyil: { $why }
split-error-too-large = ərazinin eni { $extent } km-dir; sektorlar bir yerli müstəvidə kəsilir, ən çoxu { $max } km
split-error-bad-orientation = yanlış istiqamət: { $why }
split-error-cover-mismatch = sektorların sahələrinin cəmi { $sum }, təhlükəli ərazinin sahəsi isə { $parent } — MultiPolygon hissələri üst-üstə düşürmü? (keyfiyyət yoxlamasını işə salın)
split-error-cancelled = bölmə ləğv edildi
