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
help-click = Baxmaq üçün obyektin üzərinə klikləyin.

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
lr-cancelled = Ləğv edilib (qeyri-texniki sorğu)
lr-reduced = Azaldılıb (texniki sorğu)
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
