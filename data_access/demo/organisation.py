"""The organisation of Region Jämtland Härjedalen: nämnder, förvaltningar, områden, enheter."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from data_access import profile
from data_access.demo.context import DemoContext, Unit
from data_access.demo.indicator_catalogue import COMPARISON_AREAS
from data_access.models import OrgUnit

if TYPE_CHECKING:
    from data_access.demo.spec import DemoSpec

REGION = ("RJH", "Region Jämtland Härjedalen")
KOLADA_AREA = "0023"
# The demo's organisation profile: the region, its publisher, its three neighbours, every
# region (for the ranking) and its own kommuner; it uses framgångsfaktorer.
PROFILE = profile.Profile(
    name=REGION[1], kind="region", kolada_area=KOLADA_AREA, publisher=REGION[1], riket=True,
    all_regions=True, own_kommuner=True,
    areas=tuple(profile.Area(code, name) for code, name in COMPARISON_AREAS
                if code != profile.RIKET),
    success_factors=True,
)

# (nämnd code, nämnd name, förvaltning code, förvaltning name)
NAMNDER = (
    ("RS", "Regionstyrelsen", "RSTAB", "Regionstab"),
    ("HSN", "Hälso- och sjukvårdsnämnden", "HSF", "Hälso- och sjukvårdsförvaltningen"),
    ("RUN", "Regionala utvecklingsnämnden", "RU", "Regional utveckling"),
    ("KTN", "Kollektivtrafiknämnden", "KTF", "Kollektivtrafikförvaltningen"),
    ("PN", "Patientnämnden", "PNK", "Patientnämndens kansli"),
)

HC_PLACES = (
    "Backe", "Brunflo", "Bräcke", "Duved", "Frösön", "Funäsdalen", "Föllinge", "Gäddede",
    "Hackås", "Hammarstrand", "Hammerdal", "Hede", "Hoting", "Järpen", "Krokom", "Kälarne",
    "Lit", "Lugnvik", "Myrviken", "Mörsil", "Odensala", "Strömsund", "Sveg", "Svenstavik",
    "Torvalla", "Vemdalen", "Ytterhogdal", "Z-gatan", "Åre", "Ås",
)
DSK_PLACES = (
    "Ljungdalen", "Tännäs", "Lillhärdal", "Klövsjö", "Rätan", "Storlien", "Hotagen",
    "Kallsedet", "Stugun", "Östavall",
)
FTV_PLACES = (
    "Backe", "Brunflo", "Bräcke", "Frösön", "Funäsdalen", "Hammarstrand", "Hammerdal", "Hede",
    "Hoting", "Järpen", "Krokom", "Kälarne", "Lit", "Lugnvik", "Odensala", "Strömsund", "Sveg",
    "Svenstavik", "Torvalla", "Ytterhogdal", "Z-gatan", "Åre", "Ås", "Östersund centrum",
)
AMB_PLACES = ("Sveg", "Strömsund", "Järpen", "Funäsdalen", "Hammarstrand", "Bräcke", "Åre", "Hede")


_SLUG = str.maketrans("ÅÄÖÉÜåäöéü", "AAOEUAAOEU")


def slug(text: str) -> str:
    """A readable code fragment: 'Östersund centrum' -> 'OSTERSUND-CENTRUM'."""
    return re.sub(r"[^A-Z0-9]+", "-", text.translate(_SLUG).upper()).strip("-")


def _at(name: str, code: str, kind: str, weight: float, places) -> list[tuple]:
    """The same kind of enhet in several places, e.g. every Hälsocentralen …"""
    return [(f"{code}-{slug(p)}", f"{name} {p}", kind, weight) for p in places]


# (förvaltning code, område code, område name, enheter as (code, name, kind, weight))
OMRADEN: tuple[tuple[str, str, str, list[tuple]], ...] = (
    ("HSF", "LED", "Hälso- och sjukvårdsledning", [
        ("LEDNING", "Förvaltningsledning hälso- och sjukvård", "stab", 1.2),
        ("UTOMLANS", "Utomlänsvård och riksavtal", "utomlans", 0.0),
        ("VARDVAL", "Vårdval primärvård – privata utförare", "vardval", 0.0),
        ("FORMAN", "Läkemedel i förmånen", "forman", 0.0),
        ("HMC", "Hjälpmedelscentralen", "stab", 1.0),
        ("PATSAK", "Patientsäkerhetsenheten", "stab", 0.4),
        ("KUNSKAP", "Kunskapsstyrning och utveckling", "stab", 0.5),
        ("VARDADM", "Vårdadministration Östersunds sjukhus", "stab", 1.4),
        ("SEKR", "Medicinska sekreterare – sekreterarpoolen", "stab", 0.8),
        ("VPK", "Vårdplatskoordinering", "stab", 0.3),
        ("UTB", "Utbildningsenheten AT/ST", "stab", 0.9),
        ("VARDHYGIEN", "Vårdhygien", "stab", 0.3),
        ("SMITTSKYDD", "Smittskydd", "stab", 0.2),
        ("LAKEMEDEL", "Läkemedelsenheten", "stab", 0.3),
        ("CANCER", "Regional cancersamordning", "stab", 0.2),
    ]),
    ("HSF", "PV", "Primärvård", [
        *_at("Hälsocentralen", "HC", "hc", 1.0, HC_PLACES),
        *_at("Distriktssköterskemottagningen", "DSK", "pv", 0.25, DSK_PLACES),
        ("BHV", "Barnhälsovårdsenheten", "pv", 0.3),
        ("UM", "Ungdomsmottagningen Östersund", "pv", 0.4),
        *_at("Rehabenheten", "REHAB", "pv", 0.5,
             ("Östersund", "Strömsund", "Härjedalen", "Krokom", "Åre", "Bräcke", "Berg", "Ragunda")),
        ("NARAKUT", "Närakuten Östersund", "pv", 0.9),
        ("MOBIL", "Mobila närvårdsteamet", "pv", 0.4),
        ("DIGITAL", "Digitala hälsocentralen", "hc", 0.6),
        ("ASYL", "Asylhälsan", "pv", 0.2),
    ]),
    ("HSF", "FTV", "Folktandvård", [
        *_at("Folktandvården", "FTV", "ftv", 0.45, FTV_PLACES),
        ("SPEC", "Specialisttandvården Östersund", "mott", 0.8),
        ("SJUKHUS", "Sjukhustandvården Östersunds sjukhus", "mott", 0.3),
        ("ORTO", "Tandregleringen (ortodonti)", "mott", 0.5),
        ("KAKKIR", "Käkkirurgiska kliniken", "mott", 0.4),
    ]),
    ("HSF", "KIR", "Kirurgi", [
        ("AVD12", "Avdelning 12 kirurgisk korttidsvård", "avd", 1.2),
        ("AVD13", "Avdelning 13 kirurgi", "avd", 1.6),
        ("AVD14", "Avdelning 14 kirurgi och urologi", "avd", 1.6),
        ("IVA", "Anestesi och intensivvård (IVA)", "avd", 2.4),
        ("OP", "Operationsavdelningen", "op", 2.8),
        ("DAGKIR", "Dagkirurgiska enheten", "mott", 0.9),
        ("KIRMOTT", "Kirurgmottagningen", "mott", 0.8),
        ("UROMOTT", "Urologmottagningen", "mott", 0.6),
        ("ENDO", "Endoskopienheten", "mott", 0.6),
        ("BROST", "Bröstmottagningen", "mott", 0.4),
        ("KARL", "Kärlmottagningen", "mott", 0.4),
        ("OGON", "Ögonkliniken", "mott", 1.3),
        ("ONH", "Öron-, näs- och halsmottagningen", "mott", 0.9),
        ("PLASTIK", "Plastikkirurgiska mottagningen", "mott", 0.3),
        ("HORSEL", "Hörselvården", "mott", 0.6),
        ("SYN", "Syncentralen", "mott", 0.4),
        ("LOGOPED", "Logopedmottagningen", "mott", 0.3),
        ("SMARTA", "Smärtmottagningen", "mott", 0.3),
        ("STERIL", "Sterilteknisk enhet", "stab", 0.6),
    ]),
    ("HSF", "MED", "Medicin", [
        ("AVD5", "Avdelning 5 medicin", "avd", 1.5),
        ("AVD6", "Avdelning 6 medicin", "avd", 1.5),
        ("AVD7", "Avdelning 7 hjärtintensiv (HIA)", "avd", 1.6),
        ("AVD8", "Avdelning 8 medicin och geriatrik", "avd", 1.5),
        ("AVD9", "Avdelning 9 infektion", "avd", 1.3),
        ("AVD10", "Avdelning 10 lung och njur", "avd", 1.4),
        ("STROKE", "Strokeenheten", "avd", 1.1),
        ("PALL", "Palliativa avdelningen", "avd", 0.9),
        ("NSV-SVEG", "Närsjukvårdsavdelningen Sveg", "avd", 0.9),
        ("NSV-STROMSUND", "Närsjukvårdsavdelningen Strömsund", "avd", 0.9),
        ("MEDMOTT", "Medicinmottagningen", "mott", 0.8),
        ("HJARTMOTT", "Hjärtmottagningen", "mott", 0.7),
        ("LUNGMOTT", "Lungmottagningen", "mott", 0.5),
        ("DIALYS", "Njurmottagningen och dialysen", "mott", 1.2),
        ("ENDOKRIN", "Endokrinmottagningen", "mott", 0.5),
        ("NEURO", "Neurologimottagningen", "mott", 0.6),
        ("HUD", "Hudmottagningen", "mott", 0.5),
        ("INFMOTT", "Infektionsmottagningen", "mott", 0.4),
        ("ONKOLOGI", "Onkologimottagningen", "mott", 1.1),
        ("CANCERDAG", "Cancerdagvården", "mott", 0.9),
        ("REUMA", "Reumatologimottagningen", "mott", 0.5),
        ("MINNE", "Minnesmottagningen", "mott", 0.3),
        ("INFUSION", "Infusionsmottagningen", "mott", 0.4),
        ("DIETIST", "Dietistmottagningen", "mott", 0.3),
        ("TRYGGHEM", "Trygg hemgång – samordnad vårdplanering", "mott", 0.4),
    ]),
    ("HSF", "AKUT", "Akutsjukvård", [
        ("AKM", "Akutmottagningen Östersunds sjukhus", "akut", 2.4),
        ("AVA", "Akutvårdsavdelningen (AVA)", "avd", 1.3),
        ("AMB-OSTERSUND", "Ambulanssjukvården Östersund", "amb", 1.8),
        *_at("Ambulansstation", "AMB", "amb", 0.7, AMB_PLACES),
        ("SJUKTRANSPORT", "Sjuktransporter och ambulanshelikopter", "amb", 1.0),
        ("1177", "Sjukvårdsrådgivningen 1177", "mott", 0.7),
        ("PREHOSP", "Prehospital ledning", "stab", 0.3),
    ]),
    ("HSF", "ORT", "Ortopedi", [
        ("AVD11", "Avdelning 11 ortopedi", "avd", 1.6),
        ("AVD11B", "Avdelning 11B ortopedisk rehabilitering", "avd", 1.0),
        ("ORTMOTT", "Ortopedmottagningen", "mott", 0.9),
        ("HAND", "Handkirurgiska mottagningen", "mott", 0.4),
        ("REHABMED", "Rehabiliteringsmedicin", "mott", 0.8),
        ("FYSIO", "Fysioterapin Östersunds sjukhus", "mott", 0.7),
        ("ARBTER", "Arbetsterapin Östersunds sjukhus", "mott", 0.5),
        ("GIPS", "Gipsmottagningen", "mott", 0.3),
    ]),
    ("HSF", "BUS", "Barn- och ungdomssjukvård", [
        ("AVD3", "Avdelning 3 barn och ungdom", "avd", 1.3),
        ("NEO", "Neonatalavdelningen", "avd", 1.2),
        ("BUMOTT", "Barn- och ungdomsmottagningen", "mott", 0.8),
        ("BARNHAB", "Barnhabiliteringen", "mott", 0.7),
        ("VUXHAB", "Vuxenhabiliteringen", "mott", 0.5),
        ("BARNDIAB", "Barndiabetesmottagningen", "mott", 0.3),
        ("BARNALLERGI", "Barnallergimottagningen", "mott", 0.3),
        ("UNGHALSA", "Ungdomshälsan", "mott", 0.3),
    ]),
    ("HSF", "KVS", "Kvinnosjukvård", [
        ("FORL", "Förlossningsavdelningen", "avd", 1.5),
        ("BB", "BB-avdelningen", "avd", 1.1),
        ("GYNAVD", "Gynekologiska avdelningen", "avd", 1.0),
        ("GYNMOTT", "Gynekologiska mottagningen", "mott", 0.7),
        ("KHV", "Kvinnohälsovården Östersund", "mott", 0.6),
        *_at("Barnmorskemottagningen", "BMM", "mott", 0.25, ("Strömsund", "Sveg", "Järpen", "Krokom")),
        ("MAMMO", "Mammografienheten", "diag", 0.4),
        ("SEXHALSA", "Mottagningen för sexuell hälsa", "mott", 0.3),
    ]),
    ("HSF", "PSY", "Psykiatri", [
        ("AVD1", "Psykiatrisk avdelning 1 (allmänpsykiatri)", "avd", 1.4),
        ("AVD2", "Psykiatrisk avdelning 2 (psykos)", "avd", 1.4),
        ("PIVA", "Psykiatrisk intensivvårdsavdelning (PIVA)", "avd", 1.3),
        ("RATTSPSYK", "Rättspsykiatriska enheten", "avd", 1.2),
        ("PAM", "Psykiatriska akutmottagningen", "akut", 0.9),
        ("ALLMMOTT", "Allmänpsykiatriska mottagningen Östersund", "mott", 1.1),
        *_at("Psykiatriska mottagningen", "PSYKMOTT", "mott", 0.5,
             ("Strömsund", "Härjedalen", "Krokom", "Åre")),
        ("BEROENDE", "Beroendecentrum", "mott", 0.7),
        ("ATSTORNING", "Ätstörningsenheten", "mott", 0.4),
        ("NP", "Neuropsykiatriska utredningsenheten", "mott", 0.6),
        ("PSYKOSTEAM", "Mobila psykosteamet", "mott", 0.5),
        ("ANGEST", "Ångest- och depressionsmottagningen", "mott", 0.5),
        ("BUP-OSTERSUND", "Barn- och ungdomspsykiatrin (BUP) Östersund", "bup", 1.0),
        ("BUP-HARJEDALEN", "BUP-mottagningen Härjedalen", "bup", 0.3),
        ("BUP-STROMSUND", "BUP-mottagningen Strömsund", "bup", 0.3),
        ("BUP-AVD", "BUP-avdelningen", "avd", 0.8),
        ("FORSTALINJE", "Första linjen för barn och unga", "bup", 0.4),
    ]),
    ("HSF", "DIA", "Diagnostik", [
        ("RTG-OSTERSUND", "Röntgenkliniken Östersund", "diag", 1.8),
        ("RTG-SVEG", "Röntgen Sveg", "diag", 0.3),
        ("RTG-STROMSUND", "Röntgen Strömsund", "diag", 0.3),
        ("KEMI", "Klinisk kemi och transfusionsmedicin", "diag", 1.3),
        ("MIKRO", "Klinisk mikrobiologi", "diag", 0.8),
        ("PATOLOGI", "Klinisk patologi och cytologi", "diag", 0.8),
        ("FYSIOLOGI", "Klinisk fysiologi", "diag", 0.6),
        ("NUKMED", "Nuklearmedicin", "diag", 0.4),
        ("BLODC", "Blodcentralen", "diag", 0.4),
        ("PROVTAGNING", "Provtagningsenheten", "diag", 0.4),
        ("MT", "Medicinsk teknik", "stab", 0.7),
    ]),
    ("RU", "KOB", "Kultur och bildning", [
        ("JAMTLI", "Jamtli – Jämtlands läns museum", "kultur", 1.4),
        ("JAMTLI-HIST", "Jamtli Historieland", "kultur", 0.6),
        ("JAMTLI-ARKIV", "Jamtli arkiv och bibliotek", "kultur", 0.4),
        ("KULTURMILJO", "Kulturmiljö och byggnadsvård", "kultur", 0.3),
        ("REGBIBL", "Regionbiblioteket Jämtland Härjedalen", "kultur", 0.4),
        ("LANSMUSIK", "Länsmusiken Jämtland Härjedalen", "kultur", 0.7),
        ("ESTRAD", "Estrad Norr – länsteatern", "kultur", 0.9),
        ("FILMPOOL", "Filmpool Jämtland", "kultur", 0.3),
        ("FJALLMUSEUM", "Härjedalens fjällmuseum", "kultur", 0.4),
        ("KONSULENT", "Konsulenter för kultur och hemslöjd", "kultur", 0.3),
        ("KULTURSTOD", "Kulturstöd och bidrag", "kultur", 0.5),
        ("JAMTLI-PED", "Jamtli pedagogik och skolprogram", "kultur", 0.3),
        ("SKAPANDE", "Kulturskolesamverkan och Skapande skola", "kultur", 0.2),
        ("TORSTA-GY", "Torsta naturbruksgymnasium", "utb", 1.2),
        ("TORSTA-VUX", "Torsta vuxenutbildning", "utb", 0.5),
        ("TORSTA-LANT", "Torsta lantbruk och skog", "utb", 0.6),
    ]),
    ("RU", "NSU", "Näringsliv och samhällsutveckling", [
        ("TILLVAXT", "Regional tillväxt och näringsliv", "nsu", 0.6),
        ("FORETAGSSTOD", "Företagsstöd och finansiering", "nsu", 1.2),
        ("KOMPETENS", "Kompetensförsörjning och utbildning", "nsu", 0.4),
        ("BESOKSNARING", "Besöksnäring och destinationsutveckling", "nsu", 0.4),
        ("INFRA", "Infrastruktur och samhällsplanering", "nsu", 0.4),
        ("ENERGI", "Energi och klimatomställning", "nsu", 0.3),
        ("FOLKHALSA", "Folkhälsa och social hållbarhet", "nsu", 0.4),
        ("EU", "Internationellt samarbete och EU", "nsu", 0.3),
        ("LANDSBYGD", "Landsbygd och samisk samverkan", "nsu", 0.3),
        ("ANALYS", "Regional analys och statistik", "nsu", 0.2),
        ("DIGINFRA", "Digital infrastruktur och bredband", "nsu", 0.3),
        ("MILJO", "Miljö- och hållbarhetsstrategiskt arbete", "nsu", 0.2),
    ]),
    ("RU", "FHS", "Folkhögskolor", [
        ("BIRKA-ALLM", "Birka folkhögskola – allmän kurs", "fhs", 0.7),
        ("BIRKA-SARSK", "Birka folkhögskola – särskilda kurser", "fhs", 0.7),
        ("BIRKA-OSTERSUND", "Birka folkhögskola Östersund", "fhs", 0.5),
        ("BIRKA-DISTANS", "Birka folkhögskola – distanskurser", "fhs", 0.3),
        ("BIRKA-INTERNAT", "Birka folkhögskola – internat och restaurang", "fhs", 0.4),
        ("BIRKA-LEDNING", "Birka folkhögskola – rektor och administration", "fhs", 0.3),
    ]),
    ("KTF", "KT", "Kollektivtrafik", [
        ("PLAN", "Trafikplanering och upphandling", "kt", 0.5),
        ("KUNDCENTER", "Länstrafikens kundcenter", "kt", 0.3),
        ("SERVICERESOR", "Serviceresor – färdtjänst och sjukresor", "kt", 1.2),
        ("LINJE", "Linjetrafik buss", "kt", 3.0),
        ("TAG", "Tågtrafik Norrtåg", "kt", 1.4),
        ("SKOLSKJUTS", "Skolskjuts och anropsstyrd trafik", "kt", 1.0),
        ("BILJETT", "Trafikinformation och biljettsystem", "kt", 0.4),
        ("STAD", "Stadstrafik Östersund", "kt", 1.2),
        ("HARJEDALEN", "Kollektivtrafik Härjedalen", "kt", 0.6),
        ("NORRA", "Kollektivtrafik norra länet", "kt", 0.6),
    ]),
    ("RSTAB", "LED", "Ledning och kansli", [
        ("RD", "Regiondirektörens stab", "stab", 0.6),
        ("KANSLI", "Kansli och sekretariat", "stab", 0.6),
        ("KOMM", "Kommunikationsenheten", "stab", 0.5),
        ("SAKERHET", "Säkerhet och beredskap", "stab", 0.4),
        ("ARKIV", "Regionarkivet", "stab", 0.3),
        ("JURIDIK", "Juridik och dataskydd", "stab", 0.3),
        ("HALLBAR", "Hållbarhetsenheten", "stab", 0.2),
        ("POLITIK", "Politisk verksamhet och revision", "stab", 0.5),
    ]),
    ("RSTAB", "EKO", "Ekonomi", [
        ("REDOVISNING", "Redovisningsenheten", "stab", 0.5),
        ("CONTROLLER", "Controllerenheten", "stab", 0.6),
        ("BUDGET", "Budget och analys", "stab", 0.3),
        ("UPPHANDLING", "Upphandlingsenheten", "stab", 0.5),
        ("EKSERVICE", "Ekonomiservice", "stab", 0.5),
        ("FINANS", "Finansenheten", "finans", 2.5),
        ("PENSION", "Pensioner och försäkringar", "finans", 2.0),
    ]),
    ("RSTAB", "HR", "HR", [
        ("LONESERVICE", "Löneservice", "stab", 0.7),
        ("HRSTOD", "HR-stöd", "stab", 0.6),
        ("BEMANNING", "Bemanningsenheten", "stab", 0.7),
        ("REKRYTERING", "Rekrytering och employer branding", "stab", 0.3),
        ("FHV", "Företagshälsovården", "stab", 0.4),
        ("ARBETSMILJO", "Arbetsmiljö och hälsa", "stab", 0.2),
        ("CHEFSUTV", "Chefsutveckling och kompetens", "stab", 0.3),
        ("ARBGIV", "Arbetsgivarfrågor och förhandling", "stab", 0.2),
    ]),
    ("RSTAB", "IT", "IT", [
        ("DRIFT", "IT-drift och infrastruktur", "stab", 1.3),
        ("SERVICEDESK", "IT-support och servicedesk", "stab", 0.6),
        ("EHALSA", "Digitalisering och e-hälsa", "stab", 0.7),
        ("INFOSAK", "Informationssäkerhet", "stab", 0.3),
        ("COSMIC", "Systemförvaltning vårdinformation (Cosmic)", "stab", 0.8),
        ("TELEFONI", "Telefoni och kommunikation", "stab", 0.4),
        ("LICENSER", "Licenser och avtal", "stab", 0.5),
        ("ARKITEKTUR", "Verksamhetsarkitektur", "stab", 0.2),
    ]),
    ("RSTAB", "FAST", "Fastighet", [
        ("FORV-SJUKHUS", "Fastighetsförvaltning Östersunds sjukhus", "fast", 2.2),
        ("FORV-LAN", "Fastighetsförvaltning länet", "fast", 1.2),
        ("BYGG", "Byggprojekt och investeringar", "fast", 0.8),
        ("LOKALVARD", "Lokalvård", "stab", 0.9),
        ("KOST", "Kost och restaurang", "stab", 0.9),
        ("TRANSPORT", "Transport och logistik", "stab", 0.6),
        ("VAKTMASTERI", "Vaktmästeri och bevakning", "stab", 0.5),
        ("DRIFTENERGI", "Energi och drift", "fast", 0.9),
    ]),
    ("PNK", "PS", "Patientstöd", [
        ("KANSLI", "Patientnämndens kansli", "pn", 1.0),
        ("STODPERSON", "Stödpersonsverksamheten", "pn", 0.3),
    ]),
)


def unit_tree(scale: int, spec: DemoSpec | None = None) -> list[Unit]:
    """Every unit in tree order (parents first), ids from 1, nominal weights (the region's
    tree unless another demo spec is given)."""
    top, namnder = (spec.top, spec.namnder) if spec else (REGION, NAMNDER)
    omraden = spec.omraden if spec else OMRADEN
    units: list[Unit] = []

    def add(code, name, level, parent, namnd=None, forv=None, omrade=None, kind=None,
            weight=0.0, variant=1):
        units.append(Unit(len(units) + 1, code, name, level, kind or level, parent, namnd, forv,
                          omrade, weight, variant))

    add(*top, "region", None)
    for n_code, n_name, f_code, f_name in namnder:
        add(n_code, n_name, "namnd", top[0], n_code)
        add(f_code, f_name, "forvaltning", n_code, n_code, f_code)
        for o_code, o_name, enheter in _omraden_of(omraden, f_code):
            add(o_code, o_name, "omrade", f_code, n_code, f_code, o_code)
            for variant in range(1, scale + 1):
                suffix = (f"-{variant}", f" {variant}") if variant > 1 else ("", "")
                for e_code, e_name, kind, weight in enheter:
                    add(f"{o_code}-{e_code}{suffix[0]}", e_name + suffix[1], "enhet", o_code,
                        n_code, f_code, o_code, kind, weight, variant)
    return units


def _omraden_of(omraden, forvaltning: str):
    """(code, name, enheter) of a förvaltning's områden, in the catalogue's order."""
    return [(f"{f}-{code}", name, enheter) for f, code, name, enheter in omraden
            if f == forvaltning]


def load_organisation(ctx: DemoContext) -> None:
    """Insert the tree with explicit ids (parents first) and register every unit in `ctx`."""
    rng = ctx.rng("organisation")
    sort_in_parent: dict[str | None, int] = {}
    rows = []
    for nominal in unit_tree(ctx.scale, ctx.spec):
        # Sizes vary around the nominal weight so that no two hälsocentraler look the same.
        unit = replace(nominal, weight=round(nominal.weight * rng.uniform(0.75, 1.3), 3))
        ctx.units[unit.code] = unit
        sort_in_parent[unit.parent] = sort_in_parent.get(unit.parent, 0) + 1
        rows.append({
            "id": unit.id,
            "code": unit.code,
            "name": unit.name,
            "level": unit.level,
            "parent_id": ctx.units[unit.parent].id if unit.parent else None,
            "namnd_id": ctx.units[unit.namnd].id if unit.namnd else None,
            "sort_order": sort_in_parent[unit.parent],
            "active": True,
        })
    ctx.insert(OrgUnit, rows)


def load_profile(ctx: DemoContext) -> None:
    """Store the demo's organisation profile (checked like any other)."""
    chosen = ctx.spec.profile
    profile.store(ctx.session, profile.check(chosen), by="demo", at=ctx.loaded_at)
    ctx.counts["organisation_profile"] = 1
    ctx.counts["profile_comparison_areas"] = len(chosen.areas)
