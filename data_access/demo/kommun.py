"""The kommun demo: a believable Östersunds kommun (Kolada 2380), for `rodtrad demo --profil
kommun`. Everything here is fictional but shaped like a real kommun's styrmodell:
kommunfullmäktige decides the vision and the målområden in its Strategisk plan med budget,
kommunstyrelsen and the nämnder (barn- och utbildningsnämnden, socialnämnden, vård- och
omsorgsnämnden, tekniska nämnden, kultur- och fritidsnämnden) their goals; förvaltningar,
områden and enheter (förskolor, skolor, äldreboenden, hemtjänstgrupper …) below them.

Only N01951 (Invånare totalt) is a Kolada id; every other indicator has an internal `OST-…`
code and names the system it comes from. The economy's story: socialnämnden overspends on
köpta placeringar and försörjningsstöd and forecasts too optimistically, vård- och
omsorgsnämnden on inhyrda sjuksköterskor; the others are close to budget.
"""

from __future__ import annotations

from data_access import profile
from data_access.demo.goal_catalogue import G
from data_access.demo.indicator_catalogue import KOLADA, S
from data_access.demo.organisation import slug
from data_access.demo.risk_catalogue import ACTIONS, ALL, CONTROLS, PROCESSES, RISKS, R
from data_access.demo.spec import DemoSpec
from data_access.demo.users import KOMMUN_USERS

TOP = ("OSTK", "Östersunds kommun")
KOLADA_AREA = "2380"
PROFILE = profile.Profile(
    name=TOP[1], kind="kommun", kolada_area=KOLADA_AREA, publisher=TOP[1], riket=True,
    areas=(profile.Area("2281", "Sundsvall"), profile.Area("2480", "Umeå"),
           profile.Area("2580", "Luleå")),
)

NAMNDER = (
    ("KS", "Kommunstyrelsen", "KLF", "Kommunledningsförvaltningen"),
    ("BUN", "Barn- och utbildningsnämnden", "BUF", "Barn- och utbildningsförvaltningen"),
    ("SN", "Socialnämnden", "SOF", "Socialförvaltningen"),
    ("VON", "Vård- och omsorgsnämnden", "VOF", "Vård- och omsorgsförvaltningen"),
    ("TN", "Tekniska nämnden", "TF", "Tekniska förvaltningen"),
    ("KFN", "Kultur- och fritidsnämnden", "KFF", "Kultur- och fritidsförvaltningen"),
)


def _at(name: str, code: str, kind: str, weight: float, places) -> list[tuple]:
    """The same kind of enhet in several places, e.g. every Hemtjänsten …"""
    return [(f"{code}-{slug(p)}", f"{name} {p}", kind, weight) for p in places]


def _named(kind: str, weight: float, names) -> list[tuple]:
    """Enheter with their own names (schools, äldreboenden), coded by name."""
    return [(slug(n), n, kind, weight) for n in names]


FORSKOLOR = (
    "Torvalla", "Lugnvik", "Odensala", "Frösön", "Brunflo", "Lit", "Orrviken", "Ope",
    "Häggenås", "Tandsbyn", "Fåker", "Marieby", "Sandvika", "Körfältet", "Valla", "Hofvallen",
)
SKOLOR = (
    "Parkskolan", "Storsjöskolan", "Ösavallsskolan", "Treälvsskolan", "Körfältets skola",
    "Odenskolan", "Torvallaskolan", "Lugnviksskolan", "Lits skola", "Brunflo skola",
    "Sandviksskolan", "Frösö skola", "Orrvikens skola", "Häggenås skola", "Tandsbyns skola",
    "Fagervallsskolan",
)
ALDREBOENDEN = (
    "Ängsgården", "Lugnviksgården", "Solbacken", "Hemgården", "Ekhagen", "Bräckegården",
    "Frösötornet", "Vallaviken", "Björkbacken", "Lillänge äldreboende", "Brunflogården",
    "Litsgården",
)
HEMTJANST = ("Centrum", "Frösön", "Brunflo", "Lit", "Torvalla", "Odensala", "Lugnvik",
             "Söder", "Orrviken", "Häggenås")
GRUPPBOSTADER = ("Vallgatan", "Tallbacken", "Solhöjden", "Körfältet", "Stadsdelen Norr",
                 "Odenslund", "Lillsjön", "Brunflo")
KOK = ("Parkskolan", "Storsjöskolan", "Treälvsskolan", "Torvallaskolan", "Lits skola",
       "Wargentinsskolan")

OMRADEN: tuple[tuple[str, str, str, list[tuple]], ...] = (
    ("KLF", "LED", "Ledning och kansli", [
        ("KANSLI", "Kommunkansliet", "stab", 0.6),
        ("KOMM", "Kommunikationsenheten", "stab", 0.4),
        ("SAKERHET", "Säkerhet och beredskap", "stab", 0.3),
        ("POLITIK", "Politisk verksamhet och revision", "stab", 0.5),
        ("NARINGSLIV", "Näringsliv och tillväxt", "stab", 0.4),
    ]),
    ("KLF", "EKO", "Ekonomi", [
        ("REDOVISNING", "Redovisningsenheten", "stab", 0.5),
        ("CONTROLLER", "Controllerenheten", "stab", 0.5),
        ("UPPHANDLING", "Upphandlingsenheten", "stab", 0.4),
        ("FINANS", "Finansenheten", "finans", 2.0),
        ("PENSION", "Pensioner och försäkringar", "finans", 1.5),
    ]),
    ("KLF", "HR", "HR", [
        ("LONESERVICE", "Löneservice", "stab", 0.6),
        ("HRSTOD", "HR-stöd", "stab", 0.5),
        ("BEMANNING", "Bemanningsenheten", "stab", 0.6),
    ]),
    ("KLF", "IT", "IT och digitalisering", [
        ("DRIFT", "IT-drift och infrastruktur", "stab", 0.9),
        ("SERVICEDESK", "IT-support och servicedesk", "stab", 0.5),
        ("DIGITAL", "Digitaliseringsenheten", "stab", 0.4),
        ("KONTAKTCENTER", "Kontaktcenter", "stab", 0.5),
    ]),
    ("BUF", "LED", "Barn- och utbildningsledning", [
        ("LEDNING", "Förvaltningsledning barn och utbildning", "stab", 1.0),
        ("ELEVHALSA", "Central elevhälsa", "stab", 0.9),
        ("SKOLSKJUTS", "Skolskjutsar och elevresor", "stab", 0.6),
    ]),
    ("BUF", "FSK", "Förskola", [
        *_at("Förskolan", "FSK", "forskola", 0.5, FORSKOLOR),
        ("PEDOMSORG", "Pedagogisk omsorg", "forskola", 0.2),
    ]),
    ("BUF", "GRU", "Grundskola", [
        *_named("skola", 1.0, SKOLOR),
        ("ANPASSAD", "Anpassade grundskolan", "skola", 0.5),
    ]),
    ("BUF", "GY", "Gymnasium och vuxenutbildning", [
        ("WARGENTIN", "Wargentinsskolan", "gy", 2.0),
        ("PALMCRANTZ", "Palmcrantzskolan", "gy", 1.8),
        ("VUX", "Vuxenutbildningen", "gy", 1.0),
        ("SFI", "Svenska för invandrare", "gy", 0.5),
    ]),
    ("SOF", "LED", "Socialtjänstens ledning", [
        ("LEDNING", "Förvaltningsledning socialtjänst", "stab", 0.8),
        ("KVALITET", "Kvalitet och utveckling", "stab", 0.3),
    ]),
    ("SOF", "IFO", "Individ- och familjeomsorg", [
        ("MOTTAGNING", "Mottagningsenheten", "ifo", 0.5),
        ("BOU", "Barn och unga – utredning", "ifo", 1.0),
        ("FAMILJEHEM", "Familjehemsenheten", "ifo", 0.8),
        ("VUXEN", "Vuxenenheten missbruk", "ifo", 0.8),
        ("SOCIALJOUR", "Socialjouren", "ifo", 0.3),
        ("BISTAND", "Ekonomiskt bistånd", "bistand", 2.5),
        ("ARBMARK", "Arbetsmarknadsenheten", "ifo", 0.6),
        ("FAMILJECENTRAL", "Familjecentralen", "ifo", 0.3),
    ]),
    ("SOF", "FUNK", "Funktionsstöd", [
        *_at("Gruppbostaden", "GRUPP", "lss", 0.5, GRUPPBOSTADER),
        ("DAGLIG", "Daglig verksamhet", "lss", 1.0),
        ("ASSISTANS", "Personlig assistans", "lss", 1.4),
        ("KORTTID", "Korttidsvistelse barn och unga", "lss", 0.5),
        ("BOENDESTOD", "Boendestöd", "lss", 0.6),
    ]),
    ("VOF", "LED", "Vård- och omsorgsledning", [
        ("LEDNING", "Förvaltningsledning vård och omsorg", "stab", 0.8),
        ("BISTANDSHANDL", "Biståndshandläggning äldre", "stab", 0.5),
    ]),
    ("VOF", "SABO", "Särskilt boende", _named("sabo", 1.0, ALDREBOENDEN)),
    ("VOF", "HEMTJ", "Hemtjänst", [
        *_at("Hemtjänsten", "HT", "hemtj", 0.8, HEMTJANST),
        ("NATT", "Trygghetslarm och nattpatrull", "hemtj", 0.5),
    ]),
    ("VOF", "HSL", "Kommunal hälso- och sjukvård", [
        ("SSK", "Sjuksköterskeorganisationen", "hsl", 1.2),
        ("REHAB", "Rehabenheten", "hsl", 0.7),
        ("KORTTIDSBOENDE", "Korttidsboendet", "hsl", 0.9),
    ]),
    ("TF", "GATA", "Gata och park", [
        ("VINTER", "Vinterväghållning", "teknik", 1.2),
        ("GATUDRIFT", "Gatudrift och beläggning", "teknik", 1.0),
        ("PARK", "Park och natur", "teknik", 0.6),
    ]),
    ("TF", "VA", "Vatten och avlopp", [
        ("VERKET", "Vattenverket", "va", 0.9),
        ("RENING", "Reningsverket", "va", 1.0),
        ("LEDNINGSNAT", "Ledningsnätet", "va", 0.9),
    ]),
    ("TF", "FAST", "Fastighet", [
        ("FORVALTNING", "Fastighetsförvaltning", "teknik", 1.5),
        ("LOKALVARD", "Lokalvård", "stab", 0.9),
        ("PROJEKT", "Byggprojekt och investeringar", "teknik", 0.6),
    ]),
    ("TF", "KOST", "Kost", _at("Skolrestaurangen", "KOK", "kost", 0.5, KOK)),
    ("KFF", "BIB", "Bibliotek", [
        ("STADSBIBLIOTEKET", "Stadsbiblioteket", "kultur", 1.0),
        *_at("Biblioteket", "BIB", "kultur", 0.3, ("Brunflo", "Lit", "Torvalla", "Frösön")),
    ]),
    ("KFF", "FRITID", "Fritid och idrott", [
        ("BADHUSET", "Badhuset", "fritid", 1.2),
        ("ARENOR", "Idrottsanläggningar och arenor", "fritid", 1.3),
        ("FRITIDSGARDAR", "Fritidsgårdarna", "fritid", 0.6),
        ("FORENINGSSTOD", "Föreningsstöd", "fritid", 0.8),
    ]),
    ("KFF", "KUL", "Kultur", [
        ("KULTURSKOLAN", "Kulturskolan", "kultur", 1.0),
        ("TEATERN", "Gamla teatern", "kultur", 0.5),
        ("KONST", "Konst i offentlig miljö", "kultur", 0.2),
    ]),
)

# (code, name, goal kinds it is required for): the kommun requires none of them.
PERSPECTIVES = (
    ("jamstalldhet", "Jämställdhet", ""),
    ("barnratt", "Barnrätt", ""),
    ("ekonomi", "Ekonomi", ""),
    ("folkhalsa", "Folkhälsa", ""),
    ("hallbarhet", "Hållbarhet", ""),
    ("samiskt", "Samiskt perspektiv", ""),
)

VISION = (
    "VISION2040", "Vision 2040",
    "Östersund 2040 – en hållbar vinterstad där människor vill leva, verka och växa. Visionen "
    "är antagen av kommunfullmäktige och utgångspunkt för den strategiska planens målområden: "
    "en kommun där barn och unga får en god start, där äldre lever ett tryggt liv, där "
    "näringslivet växer och där natur, kultur och samiskt kulturarv tas tillvara.",
)

MALOMRADEN = (
    G("MO-UTB", "OSTK", "VISION2040", "Utbildning – Alla barn och elever når sin fulla potential",
      ["OST-UTB-001", "OST-UTB-002"], ["skola"], ["barnratt", "jamstalldhet"], [4, 10], True),
    G("MO-OMS", "OSTK", "VISION2040",
      "Vård och omsorg – Trygg och värdig omsorg för den som behöver den",
      ["OST-VO-001", "OST-VO-003"], ["omsorg"], ["jamstalldhet", "folkhalsa"], [3, 10], True),
    G("MO-SOC", "OSTK", "VISION2040", "Social hållbarhet – Ett tryggt och jämlikt Östersund",
      ["OST-SOC-001", "OST-SOC-002"], ["trygghet"], ["barnratt", "folkhalsa"], [1, 10, 16],
      True),
    G("MO-SAM", "OSTK", "VISION2040",
      "Samhällsbyggnad – En attraktiv och hållbar kommun att bo och verka i",
      ["N01951", "OST-TEK-001", "OST-MIL-001"], ["samhalle"], ["hallbarhet"], [6, 11, 13],
      True),
    G("MO-KUL", "OSTK", "VISION2040", "Kultur och fritid – Ett rikt kultur- och fritidsliv för alla",
      ["OST-KF-001"], ["kultur"], ["barnratt", "samiskt"], [3, 11], True),
    G("MO-LED", "OSTK", "VISION2040",
      "Ekonomi och medarbetare – God ekonomisk hushållning och en attraktiv arbetsgivare",
      ["OST-EKO-001", "OST-EKO-002", "OST-EKO-003", "OST-HR-001"], ["ekonomi"],
      ["ekonomi", "jamstalldhet"], [8, 16], True),
)

NAMNDMAL = (
    G("BUN-M1", "BUN", "MO-UTB", "Fler elever når kunskapskraven", ["OST-UTB-001", "OST-UTB-002"],
      ["skola"], ["barnratt", "jamstalldhet"], [4], True),
    G("BUN-M2", "BUN", "MO-UTB", "Barn och elever känner sig trygga i förskola och skola",
      ["OST-UTB-004"], ["trygghet"], ["barnratt"], [4, 16], True),
    G("BUN-M3", "BUN", "MO-UTB", "Fler elever fullföljer gymnasieskolan", ["OST-UTB-003"],
      ["gy"], ["jamstalldhet"], [4], True),
    G("BUN-M4", "BUN", "MO-LED", "Barn- och utbildningsnämnden bedriver verksamheten inom "
      "given budgetram", ["OST-EKO-004", "OST-UTB-005"], ["ekonomi", "forskola"], ["ekonomi"],
      [8], True),
    G("SN-M1", "SN", "MO-SOC", "Barn och unga får stöd i rätt tid", ["OST-SOC-002"], ["barn"],
      ["barnratt"], [3, 10], True),
    G("SN-M2", "SN", "MO-SOC", "Fler vuxna blir självförsörjande", ["OST-SOC-001", "OST-SOC-003"],
      ["arbete"], ["jamstalldhet"], [1, 8], True),
    G("SN-M3", "SN", "MO-SOC", "Personer med funktionsnedsättning lever ett självständigt liv",
      ["OST-SOC-005"], ["lss"], [], [10], True),
    G("SN-M4", "SN", "MO-LED", "Socialnämnden har en ekonomi i balans",
      ["OST-EKO-004", "OST-SOC-006"], ["ekonomi"], ["ekonomi"], [8], True),
    G("VON-M1", "VON", "MO-OMS", "Äldre känner sig trygga i sitt boende",
      ["OST-VO-001", "OST-VO-002"], ["omsorg"], ["jamstalldhet"], [3], True),
    G("VON-M2", "VON", "MO-OMS", "Hemtjänsten ger trygghet och kontinuitet",
      ["OST-VO-003", "OST-VO-004"], ["hemtjanst"], [], [3], True),
    G("VON-M3", "VON", "MO-OMS", "Vård och omsorg är en attraktiv arbetsplats",
      ["OST-HR-002", "OST-HR-003"], ["personal"], ["jamstalldhet"], [5, 8]),
    G("VON-M4", "VON", "MO-LED", "Beroendet av inhyrda sjuksköterskor minskar",
      ["OST-VO-006", "OST-EKO-004"], ["ekonomi", "inhyrd"], ["ekonomi"], [8], True),
    G("TN-M1", "TN", "MO-SAM", "Gator och vägar är framkomliga året runt", ["OST-TEK-002"],
      ["samhalle"], [], [9, 11], True),
    G("TN-M2", "TN", "MO-SAM", "Dricksvattnet håller hög kvalitet", ["OST-TEK-003"], ["va"],
      ["hallbarhet"], [6], True),
    G("TN-M3", "TN", "MO-SAM", "Kommunens lokaler är energieffektiva", ["OST-MIL-001"],
      ["klimat"], ["hallbarhet"], [7, 13], True),
    G("KFN-M1", "KFN", "MO-KUL", "Fler barn och unga deltar i kultur- och fritidsaktiviteter",
      ["OST-KF-001", "OST-KF-002"], ["kultur"], ["barnratt"], [3, 4], True),
    G("KFN-M2", "KFN", "MO-KUL", "Biblioteken når fler invånare", ["OST-KF-003"], ["kultur"],
      [], [4], True),
    G("KS-M1", "KS", "MO-LED", "Kommunen har en ekonomi i balans",
      ["OST-EKO-001", "OST-EKO-005"], ["ekonomi"], ["ekonomi"], [8, 16], True),
    G("KS-M2", "KS", "MO-LED", "Kommunen är en attraktiv arbetsgivare",
      ["OST-HR-001", "OST-HR-002"], ["personal"], ["jamstalldhet"], [5, 8], True),
    G("KS-M3", "KS", "MO-SAM", "Fler företag startar och växer i kommunen",
      ["OST-NAR-001", "OST-NAR-002"], ["naringsliv"], [], [8], True),
    G("KS-M4", "KS", "MO-LED", "Styrning och intern kontroll är ändamålsenliga",
      ["OST-LED-001"], ["styrning"], [], [16], True),
    # Deliberately without an indicator: not measurable as written.
    G("KS-M5", "KS", "MO-LED", "Kommunen arbetar systematiskt med informationssäkerhet", [],
      ["digital", "styrning"], [], [16]),
)

FORVALTNINGSMAL = (
    G("BUF-M1", "BUF", "BUN-M1", "Undervisningen anpassas efter elevernas behov",
      ["OST-UTB-002"], ["skola"], ["barnratt"], [4], True),
    G("BUF-M2", "BUF", "BUN-M2", "Elevhälsan arbetar förebyggande", ["OST-UTB-004"],
      ["trygghet"], ["barnratt"], [3, 4]),
    G("BUF-M3", "BUF", "BUN-M3", "Fler elever på introduktionsprogram går vidare",
      ["OST-UTB-003"], ["gy"], [], [4]),
    G("BUF-M4", "BUF", "BUN-M4", "Förskolans barngrupper har en rimlig storlek",
      ["OST-UTB-005"], ["forskola"], ["barnratt"], [4], True),
    G("SOF-M1", "SOF", "SN-M1", "Barnavårdsutredningar blir klara inom fyra månader",
      ["OST-SOC-002"], ["barn"], ["barnratt"], [16], True),
    G("SOF-M2", "SOF", "SN-M2", "Fler med försörjningsstöd går till arbete eller studier",
      ["OST-SOC-001"], ["arbete"], ["jamstalldhet"], [8]),
    G("SOF-M3", "SOF", "SN-M4", "Fler placeringar görs i egen regi", ["OST-SOC-006"],
      ["ekonomi"], ["ekonomi"], [8]),
    G("SOF-M4", "SOF", "SN-M3", "Brukarna i funktionsstödet är nöjda", ["OST-SOC-005"],
      ["lss"], [], [10]),
    G("VOF-M1", "VOF", "VON-M1", "Fler boende är nöjda med maten och måltidsmiljön",
      ["OST-VO-002"], ["omsorg"], [], [3], True),
    G("VOF-M2", "VOF", "VON-M2", "Färre personal per hemtjänsttagare", ["OST-VO-004"],
      ["hemtjanst"], [], [3]),
    G("VOF-M3", "VOF", "VON-M4", "Egna sjuksköterskor ersätter inhyrda", ["OST-VO-006"],
      ["inhyrd"], ["ekonomi"], [8], True),
    G("VOF-M4", "VOF", "VON-M3", "Sjukfrånvaron minskar", ["OST-HR-002"], ["personal"],
      ["jamstalldhet"], [8]),
    G("TF-M1", "TF", "TN-M1", "Snöröjningen sker inom utlovad tid", ["OST-TEK-002"],
      ["samhalle"], [], [11], True),
    G("TF-M2", "TF", "TN-M2", "Inga kokningsrekommendationer", ["OST-TEK-003"], ["va"],
      ["hallbarhet"], [6]),
    G("TF-M3", "TF", "TN-M3", "Energianvändningen i lokalerna minskar", ["OST-MIL-001"],
      ["klimat"], ["hallbarhet"], [7], True),
    G("KFF-M1", "KFF", "KFN-M1", "Fler elever i kulturskolan", ["OST-KF-002"], ["kultur"],
      ["barnratt"], [4]),
    G("KFF-M2", "KFF", "KFN-M2", "Fler besök på biblioteken", ["OST-KF-003"], ["kultur"], [],
      [4], True),
    G("KLF-M1", "KLF", "KS-M1", "Prognoserna är träffsäkra", ["OST-EKO-005"], ["ekonomi"],
      ["ekonomi"], [16]),
    G("KLF-M2", "KLF", "KS-M2", "Rekryteringen går snabbare", ["OST-HR-004"], ["personal"],
      [], [8]),
    G("KLF-M3", "KLF", "KS-M3", "Företagen är nöjda med kommunens service", ["OST-NAR-002"],
      ["naringsliv"], [], [8], True),
    G("KLF-M4", "KLF", "KS-M4", "Internkontrollplanens kontrollmoment genomförs",
      ["OST-LED-001"], ["styrning"], [], [16]),
)

OMRADESMAL = (
    G("BUF-FSK-M1", "BUF-FSK", "BUF-M4", "Barngrupperna i förskolan följer riktmärket",
      ["OST-UTB-005"], ["forskola"], published=True),
    G("BUF-GRU-M1", "BUF-GRU", "BUF-M1", "Fler elever i årskurs 9 är behöriga till gymnasiet",
      ["OST-UTB-001", "OST-UTB-002"], ["skola"]),
    G("BUF-GRU-M2", "BUF-GRU", "BUF-M2", "Eleverna känner sig trygga i skolan",
      ["OST-UTB-004"], ["trygghet"]),
    G("BUF-GY-M1", "BUF-GY", "BUF-M3", "Fler elever tar gymnasieexamen inom tre år",
      ["OST-UTB-003"], ["gy"]),
    G("SOF-IFO-M1", "SOF-IFO", "SOF-M1", "Utredningstiderna för barn och unga kortas",
      ["OST-SOC-002", "OST-SOC-004"], ["barn"]),
    G("SOF-IFO-M2", "SOF-IFO", "SOF-M2", "Fler får stöd till egen försörjning",
      ["OST-SOC-001", "OST-SOC-003"], ["arbete"]),
    G("SOF-FUNK-M1", "SOF-FUNK", "SOF-M4", "Brukarna har inflytande över sin vardag",
      ["OST-SOC-005"], ["lss"]),
    G("VOF-SABO-M1", "VOF-SABO", "VOF-M1", "Boende är nöjda med sitt särskilda boende",
      ["OST-VO-001", "OST-VO-002"], ["omsorg"], published=True),
    G("VOF-HEMTJ-M1", "VOF-HEMTJ", "VOF-M2", "Hemtjänsttagare möter få olika personal",
      ["OST-VO-004", "OST-VO-003"], ["hemtjanst"]),
    G("VOF-HSL-M1", "VOF-HSL", "VOF-M3", "Färre timmar med inhyrda sjuksköterskor",
      ["OST-VO-006", "OST-VO-005"], ["inhyrd"]),
    G("TF-GATA-M1", "TF-GATA", "TF-M1", "Snöröjning och felanmälningar åtgärdas i tid",
      ["OST-TEK-002", "OST-TEK-006"], ["samhalle"]),
    G("TF-VA-M1", "TF-VA", "TF-M2", "Säkert dricksvatten och minskat läckage",
      ["OST-TEK-003", "OST-TEK-004"], ["va"]),
    G("TF-FAST-M1", "TF-FAST", "TF-M3", "Minskad energianvändning i kommunens lokaler",
      ["OST-MIL-001", "OST-TEK-006"], ["klimat", "samhalle"]),
    G("TF-KOST-M1", "TF-KOST", "TF-M3", "Minskat matsvinn i skolrestaurangerna",
      ["OST-TEK-005"], ["klimat"]),
    G("KFF-BIB-M1", "KFF-BIB", "KFF-M2", "Biblioteken har fler besökare", ["OST-KF-003"],
      ["kultur"]),
    G("KFF-FRITID-M1", "KFF-FRITID", "KFF-M1", "Fler unga deltar i föreningslivet",
      ["OST-KF-001", "OST-KF-004"], ["kultur"]),
    G("KFF-KUL-M1", "KFF-KUL", "KFF-M1", "Kulturskolan når fler barn", ["OST-KF-002"],
      ["kultur"]),
    G("KLF-EKO-M1", "KLF-EKO", "KLF-M1", "Ekonomisk uppföljning håller hög kvalitet",
      ["OST-EKO-005"], ["ekonomi"]),
    # Deliberately without an indicator.
    G("KLF-IT-M1", "KLF-IT", "KLF-M4", "Informationssäkerheten stärks i alla verksamheter", [],
      ["digital"]),
)

ENHETSMAL_TEMPLATES: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    "forskola": (
        ("Barngrupperna följer Skolverkets riktmärke", "forskola", ("OST-UTB-005",)),
        ("Sjukfrånvaron i arbetslaget minskar", "forskola", ("OST-HR-002",)),
    ),
    "skola": (
        ("Fler elever når kunskapskraven i alla ämnen", "skola", ("OST-UTB-002",)),
        ("Eleverna känner sig trygga i skolan", "trygghet", ("OST-UTB-004",)),
    ),
    "gy": (("Fler elever tar examen inom tre år", "gy", ("OST-UTB-003",)),),
    "ifo": (("Utredningar blir klara inom lagstadgad tid", "barn", ("OST-SOC-002",)),),
    "bistand": (("Fler går från försörjningsstöd till arbete", "arbete", ("OST-SOC-001",)),),
    "lss": (("Brukarna är nöjda med stödet", "lss", ("OST-SOC-005",)),),
    "sabo": (
        ("Boende är nöjda med sitt boende", "omsorg", ("OST-VO-001",)),
        ("Fler boende är nöjda med maten", "omsorg", ("OST-VO-002",)),
    ),
    "hemtj": (("Färre personal per hemtjänsttagare", "hemtjanst", ("OST-VO-004",)),),
    "hsl": (("Färre timmar med inhyrd sjuksköterska", "inhyrd", ("OST-VO-006",)),),
    "teknik": (("Felanmälningar åtgärdas inom avtalad tid", "samhalle", ("OST-TEK-006",)),),
    "va": (("Minskat läckage i ledningsnätet", "va", ("OST-TEK-004",)),),
    "kost": (("Matsvinnet minskar", "klimat", ("OST-TEK-005",)),),
    "kultur": (("Fler besökare", "kultur", ("OST-KF-003",)),),
    "fritid": (("Fler besök i anläggningarna", "kultur", ("OST-KF-004",)),),
}

ENKAT, VISMA, PERSONEC = "Medarbetarenkät", "Visma", "Personec"
TREATMENT = "Verksamhetssystemet (Lifecare)"
ALL_LEVELS = ("OSTK", "level:namnd", "level:forvaltning")

CATALOGUE = (
    # --- Långsiktiga nyckeltal: ekonomi och medarbetare (kommunfullmäktige) ---------------
    S("OST-EKO-001", "Resultat i procent av skatteintäkter och generella statsbidrag", "%",
      "higher", "year", "Årsredovisning (Visma)", ["OSTK"], 2.8,
      path=(2.8, 5.1, 6.0, 1.9, -0.6, 1.4, 2.1), target=2.0, long_term=True, noise=0.0,
      description="Finansiellt mål för god ekonomisk hushållning: resultatet ska uppgå till "
                  "minst 2 procent av skatteintäkter och generella statsbidrag."),
    S("OST-EKO-002", "Soliditet inklusive samtliga pensionsförpliktelser", "%", "higher", "year",
      "Årsredovisning (Visma)", ["OSTK"], 8.0, path=(8, 10, 13, 12, 10, 11, 12),
      target=(12.0, 13.0, 14.0), long_term=True, noise=0.0),
    S("OST-EKO-003", "Självfinansieringsgrad av investeringar", "%", "higher", "year",
      "Årsredovisning (Visma)", ["OSTK"], 68.0, path=(68, 90, 95, 60, 48, 55, 62),
      target=70.0, long_term=True, noise=0.0, decimals=0),
    S("OST-EKO-004", "Nämndens budgetavvikelse i procent av nettobudget", "%", "higher",
      "tertial", VISMA, ["level:namnd"], 0.6, noise=0.5, ambition=0.5),
    S("OST-EKO-005", "Skillnad mellan delårsprognos och bokslut", "mnkr", "lower", "year", VISMA,
      ["OSTK", "KS"], 18.0, noise=0.25),
    S("OST-HR-001", "Medarbetare som upplever inflytande över hur arbetet organiseras", "%",
      "higher", "year", ENKAT, ALL_LEVELS, 63.0, trend=0.006, sex_gap=0.03, long_term=True),
    S("OST-HR-002", "Sjukfrånvaro", "%", "lower", "month", PERSONEC,
      [*ALL_LEVELS, "level:omrade"], 7.4, trend=-0.01, season=0.18, peak=2, sex_gap=0.3),
    S("OST-HR-003", "Andel heltidsanställda", "%", "higher", "year", PERSONEC,
      ["OSTK", "level:namnd"], 74.0, trend=0.012, sex_gap=-0.08),
    S("OST-HR-004", "Tid från annons till tillsättning, median", "dagar", "lower", "tertial",
      "Rekryteringssystemet", ["KLF-HR", "KLF"], 45.0),
    S("OST-HR-005", "Antal årsarbetare", "antal", "band", "month", PERSONEC,
      [*ALL_LEVELS, "level:omrade"], 4800.0, trend=0.008, noise=0.006, counts=True,
      decimals=0, published=False),
    # --- Kolada -------------------------------------------------------------------------------
    S("N01951", "Invånare totalt, antal", "antal", "higher", "year", KOLADA, ["OSTK"], 63227.0,
      path=(63227, 63800, 64300, 64550, 64700, 65000, 65200), decimals=0, noise=0.0,
      compare=(164.0, 1.55, 2.03, 1.23), long_term=True, ambition=0.002),
    # --- Utbildning ---------------------------------------------------------------------------
    S("OST-UTB-001", "Elever i årskurs 9 som är behöriga till yrkesprogram", "%", "higher",
      "year", "Skolverket (SIRIS)", ["BUF-GRU", "BUF", "BUN"], 84.0, sex_gap=0.03,
      long_term=True),
    S("OST-UTB-002", "Elever i årskurs 9 som uppnått kunskapskraven i alla ämnen", "%", "higher",
      "year", "Skolverket (SIRIS)", ["kind:skola", "BUF-GRU", "BUF"], 74.0, sex_gap=0.05),
    S("OST-UTB-003", "Gymnasieelever med examen inom tre år", "%", "higher", "year",
      "Skolverket (SIRIS)", ["BUF-GY-WARGENTIN", "BUF-GY-PALMCRANTZ", "BUF-GY", "BUF"], 71.0,
      sex_gap=0.05),
    S("OST-UTB-004", "Elever som känner sig trygga i skolan", "%", "higher", "year",
      "Elevenkäten", ["kind:skola", "BUF-GRU", "BUF"], 86.0, sex_gap=-0.01),
    S("OST-UTB-005", "Barn per avdelning i förskolan", "antal", "lower", "tertial",
      "Barnregistret (Tieto Edu)", ["kind:forskola", "BUF-FSK"], 16.5, noise=0.04),
    S("OST-UTB-006", "Inskrivna barn i förskolan", "antal", "band", "month",
      "Barnregistret (Tieto Edu)", ["kind:forskola", "BUF-FSK", "BUF"], 3400.0, counts=True,
      decimals=0, published=False, season=-0.1, peak=7, targets=False),
    # --- Socialtjänst ------------------------------------------------------------------------
    S("OST-SOC-001", "Hushåll med försörjningsstöd som gått till egen försörjning", "%", "higher",
      "tertial", TREATMENT, ["SOF-IFO-BISTAND", "SOF-IFO", "SOF"], 31.0, ambition=0.2),
    S("OST-SOC-002", "Barnavårdsutredningar klara inom fyra månader", "%", "higher", "month",
      TREATMENT, ["SOF-IFO-BOU", "SOF-IFO", "SOF"], 72.0, ambition=0.2, sex_gap=0.01),
    S("OST-SOC-003", "Hushåll med försörjningsstöd", "antal", "lower", "month", TREATMENT,
      ["SOF-IFO-BISTAND", "SOF-IFO"], 980.0, decimals=0, season=-0.05, peak=7),
    S("OST-SOC-004", "Orosanmälningar om barn", "antal", "band", "month", TREATMENT,
      ["SOF-IFO-BOU", "SOF-IFO"], 260.0, decimals=0, published=False, targets=False,
      noise=0.1),
    S("OST-SOC-005", "Brukare i funktionsstödet som är nöjda med sitt stöd", "%", "higher",
      "year", "Brukarundersökning LSS", ["kind:lss", "SOF-FUNK"], 88.0, noise=0.02),
    S("OST-SOC-006", "Kostnad för köpta placeringar av barn och unga", "mnkr", "lower", "month",
      VISMA, ["SOF-IFO", "SOF"], 11.5, noise=0.12, ambition=0.3,
      description="Kostnad per månad för placeringar i HVB och konsulentstödda familjehem."),
    # --- Vård och omsorg ---------------------------------------------------------------------
    S("OST-VO-001", "Boende i särskilt boende som är nöjda med sitt boende", "%", "higher",
      "year", "Socialstyrelsens brukarundersökning", ["kind:sabo", "VOF-SABO", "VOF"], 81.0,
      sex_gap=0.01, long_term=True),
    S("OST-VO-002", "Boende i särskilt boende som är nöjda med maten", "%", "higher", "year",
      "Socialstyrelsens brukarundersökning", ["kind:sabo", "VOF-SABO"], 74.0),
    S("OST-VO-003", "Hemtjänsttagare som är nöjda med hemtjänsten", "%", "higher", "year",
      "Socialstyrelsens brukarundersökning", ["kind:hemtj", "VOF-HEMTJ", "VOF"], 88.0,
      sex_gap=0.01, long_term=True),
    S("OST-VO-004", "Personal som en hemtjänsttagare möter under 14 dagar", "antal", "lower",
      "year", "Socialstyrelsen (Öppna jämförelser)", ["kind:hemtj", "VOF-HEMTJ"], 15.0,
      decimals=0),
    S("OST-VO-005", "Fallskador i särskilt boende", "antal", "lower", "tertial", "Senior alert",
      ["VOF-HSL", "VOF"], 45.0, decimals=0, noise=0.12),
    S("OST-VO-006", "Kostnad för inhyrda sjuksköterskor", "mnkr", "lower", "month", VISMA,
      ["VOF-HSL", "VOF", "VON"], 2.4, noise=0.15, season=0.4, peak=7, ambition=0.45),
    # --- Samhällsbyggnad och teknik ----------------------------------------------------------
    S("OST-TEK-001", "Färdigställda bostäder", "antal", "higher", "year", "Bygglovsregistret",
      ["OSTK", "KS"], 320.0, decimals=0, noise=0.15, long_term=True),
    S("OST-TEK-002", "Snöröjning utförd inom utlovad tid", "%", "higher", "month",
      "Vinterdriftsystemet", ["TF-GATA-VINTER", "TF-GATA"], 88.0, season=-0.05, peak=1),
    S("OST-TEK-003", "Dricksvattenprov utan anmärkning", "%", "higher", "month",
      "Laboratoriet (VA)", ["TF-VA-VERKET", "TF-VA"], 99.2, noise=0.003, target=99.5),
    S("OST-TEK-004", "Läckage i ledningsnätet", "%", "lower", "year", "VA-statistiken",
      ["TF-VA-LEDNINGSNAT", "TF-VA"], 21.0),
    S("OST-TEK-005", "Matsvinn i skolrestaurangerna", "g/portion", "lower", "tertial",
      "Kostdata", ["kind:kost", "TF-KOST"], 38.0, trend=-0.04, decimals=0),
    S("OST-TEK-006", "Felanmälningar åtgärdade inom avtalad tid", "%", "higher", "month",
      "Felanmälningssystemet", ["kind:teknik", "TF"], 84.0),
    S("OST-MIL-001", "Energianvändning per kvadratmeter i kommunens lokaler", "kWh/m²", "lower",
      "year", "Energiuppföljning", ["OSTK", "TF-FAST"], 168.0, trend=-0.02, noise=0.015,
      long_term=True, decimals=0, ambition=0.03),
    # --- Kultur och fritid -------------------------------------------------------------------
    S("OST-KF-001", "Unga 7–20 år som är aktiva i idrottsföreningar", "%", "higher", "year",
      "LOK-stödet (RF)", ["KFF-FRITID", "KFF"], 51.0, sex_gap=-0.08),
    S("OST-KF-002", "Elever i kulturskolan", "antal", "higher", "tertial",
      "Kulturskolans register", ["KFF-KUL-KULTURSKOLAN", "KFF-KUL"], 1450.0, decimals=0),
    S("OST-KF-003", "Besök på biblioteken", "antal", "higher", "month", "Bibliotekssystemet",
      ["kind:kultur@KFF-BIB", "KFF-BIB", "KFF"], 38000.0, counts=True, season=-0.25, peak=7,
      decimals=0),
    S("OST-KF-004", "Besök i idrottsanläggningar och bad", "antal", "higher", "month",
      "Bokningssystemet", ["kind:fritid", "KFF-FRITID"], 52000.0, counts=True, season=-0.3,
      peak=7, decimals=0),
    # --- Näringsliv och styrning --------------------------------------------------------------
    S("OST-NAR-001", "Nyregistrerade företag per 1 000 invånare", "antal", "higher", "year",
      "Bolagsverket", ["OSTK", "KS"], 7.8),
    S("OST-NAR-002", "Nöjd kund-index för företagsklimatet", "index", "higher", "year",
      "SKR Insikt", ["KS", "KLF"], 72.0, decimals=0),
    S("OST-LED-001", "Genomförda kontrollmoment enligt internkontrollplan", "%", "higher",
      "tertial", "Stratsys", ["level:namnd"], 74.0, trend=0.04),
)

EXPLANATIONS = {
    "OST-EKO-001": "Hur stort överskott kommunen har kvar av skatteintäkter och statsbidrag när "
                   "årets kostnader är betalda. Minst två procent behövs för att kunna investera "
                   "i skolor och äldreboenden utan att låna.",
    "OST-HR-001": "Andelen anställda som i medarbetarenkäten svarar att de kan påverka hur "
                  "arbetet läggs upp.",
    "N01951": "Hur många som bor i kommunen den 31 december. Befolkningen avgör både "
              "skatteintäkterna och hur många förskoleplatser, skolplatser och "
              "äldreboendeplatser som behövs.",
    "OST-UTB-001": "Hur stor del av eleverna som går ut årskurs 9 med betyg som räcker för att "
                   "börja ett yrkesprogram på gymnasiet.",
    "OST-VO-001": "Hur stor del av dem som bor på ett äldreboende som i Socialstyrelsens enkät "
                  "svarar att de är nöjda med sitt boende.",
    "OST-VO-003": "Hur stor del av dem som har hemtjänst som är nöjda med den hjälp de får.",
    "OST-SOC-002": "Hur stor del av utredningarna om barns behov av stöd som blir klara inom "
                   "lagens fyra månader.",
}

UPPDRAG = (
    ("OSTK", "BUN", "BUN-M1", -8, "sen", "Ta fram en plan för att öka andelen behöriga lärare"),
    ("OSTK", "KS", "KS-M1", -14, "klart", "Ta fram en långsiktig investeringsplan med finansiering"),
    ("OSTK", "SN", "SN-M4", 6, "pagaende",
     "Utveckla hemmaplanslösningar som alternativ till köpta placeringar"),
    ("OSTK", "VON", "VON-M4", -3, "sen", "Ta fram en plan för att fasa ut inhyrda sjuksköterskor"),
    ("OSTK", "TN", "TN-M3", 10, "pagaende", "Ta fram en energiplan för kommunens lokaler"),
    ("OSTK", "KFN", "KFN-M1", -6, "klart",
     "Utreda avgiftsfri kulturskola för barn i årskurs 1–3"),
    ("OSTK", "KS", None, -4, "avbrutet", "Utreda en gemensam växel med grannkommunerna"),
    ("OSTK", "KS", "KS-M2", 4, "pagaende", "Införa heltid som norm i hela kommunen"),
    ("KS", "KLF", "KLF-M1", -2, "sen", "Förbättra prognosprocessen inför delårsbokslutet"),
    ("KS", "KLF-IT", None, 3, "pagaende",
     "Genomföra en säkerhetsanalys av IT-miljön enligt NIS2-direktivet"),
    ("KS", "KLF-HR", "KLF-M2", -9, "klart", "Ta fram en kompetensförsörjningsplan för bristyrken"),
    ("KS", "KLF-LED", "KS-M3", 5, "pagaende",
     "Ta fram en näringslivsstrategi tillsammans med företagen"),
    ("BUN", "BUF", "BUF-M4", -5, "klart",
     "Redovisa barngruppernas storlek per förskola varje termin"),
    ("BUN", "BUF-GRU", "BUF-M1", 8, "pagaende", "Införa läsfrämjande insatser i årskurs 1–3"),
    ("BUN", "BUF-GY", "BUF-M3", -1, "sen",
     "Ta fram en handlingsplan för fler fullföljda gymnasiestudier"),
    ("BUN", "BUF-LED", None, 12, "ej", "Utreda skolorganisationen på landsbygden"),
    ("SN", "SOF-IFO", "SOF-M1", -4, "sen", "Korta utredningstiderna inom barn och unga"),
    ("SN", "SOF-IFO", "SOF-M2", 2, "pagaende",
     "Samordna arbetsmarknadsinsatser för personer med försörjningsstöd"),
    ("SN", "SOF-FUNK", "SOF-M4", -10, "klart", "Införa brukarråd i daglig verksamhet"),
    ("VON", "VOF-HEMTJ", "VOF-M2", 3, "pagaende", "Planera hemtjänsten i mindre team"),
    ("VON", "VOF-SABO", "VOF-M1", -7, "klart",
     "Se över måltidsmiljön på de särskilda boendena"),
    ("VON", "VOF-HSL", "VOF-M3", -2, "sen",
     "Inrätta en egen bemanningspool för sjuksköterskor"),
    ("TN", "TF-VA", "TF-M2", -12, "klart", "Ta fram en reservvattenplan"),
    ("TN", "TF-GATA", "TF-M1", 1, "pagaende", "Se över prioriteringen i vinterväghållningen"),
    ("KFN", "KFF-FRITID", "KFF-M1", -3, "sen", "Ta fram en plan för idrottsanläggningarna"),
)
ISSUER_TEXT = {
    "OSTK": "Uppdrag från kommunfullmäktige i Strategisk plan med budget",
    "KS": "Uppdrag från kommunstyrelsen",
    "BUN": "Uppdrag från barn- och utbildningsnämnden",
    "SN": "Uppdrag från socialnämnden",
    "VON": "Uppdrag från vård- och omsorgsnämnden",
    "TN": "Uppdrag från tekniska nämnden",
    "KFN": "Uppdrag från kultur- och fritidsnämnden",
}

CATEGORIES = (
    ("personal", "Personalkostnader", "kostnad", None),
    ("personal_egen", "Egen personal", "kostnad", "personal"),
    ("personal_inhyrd", "Inhyrd personal", "kostnad", "personal"),
    ("kopt_verksamhet", "Köpt verksamhet", "kostnad", None),
    ("bidrag", "Försörjningsstöd och bidrag", "kostnad", None),
    ("ovriga_kostnader", "Övriga kostnader", "kostnad", None),
    ("intakter", "Intäkter", "intakt", None),
    ("skatter_statsbidrag", "Skatter och statsbidrag", "intakt", "intakter"),
    ("avgifter", "Taxor och avgifter", "intakt", "intakter"),
    ("ovriga_intakter", "Övriga intäkter", "intakt", "intakter"),
)
REVENUE = ("skatter_statsbidrag", "avgifter", "ovriga_intakter")
COST_BY_NAMND = {"KS": 420_000, "BUN": 1_900_000, "SN": 750_000, "VON": 1_100_000,
                 "TN": 520_000, "KFN": 180_000}
FIXED = {
    ("KLF-EKO-FINANS", "ovriga_kostnader"): 95_000,
    ("KLF-EKO-FINANS", "ovriga_intakter"): 40_000,
    ("KLF-EKO-PENSION", "personal_egen"): 180_000,
}
COST_PROFILES = {
    "forskola": ({"personal_egen": .78, "ovriga_kostnader": .22}, {"avgifter": .07}),
    "skola": ({"personal_egen": .70, "kopt_verksamhet": .05, "ovriga_kostnader": .25},
              {"ovriga_intakter": .04}),
    "gy": ({"personal_egen": .66, "ovriga_kostnader": .34}, {"ovriga_intakter": .10}),
    "ifo": ({"personal_egen": .45, "personal_inhyrd": .06, "kopt_verksamhet": .35,
             "ovriga_kostnader": .14}, {"ovriga_intakter": .05}),
    "bistand": ({"bidrag": .85, "personal_egen": .12, "ovriga_kostnader": .03}, {}),
    "lss": ({"personal_egen": .82, "ovriga_kostnader": .18}, {"ovriga_intakter": .06}),
    "sabo": ({"personal_egen": .78, "personal_inhyrd": .03, "ovriga_kostnader": .19},
             {"avgifter": .12}),
    "hemtj": ({"personal_egen": .84, "ovriga_kostnader": .16}, {"avgifter": .08}),
    "hsl": ({"personal_egen": .75, "personal_inhyrd": .08, "ovriga_kostnader": .17}, {}),
    "stab": ({"personal_egen": .62, "ovriga_kostnader": .38}, {"ovriga_intakter": .08}),
    "teknik": ({"personal_egen": .30, "ovriga_kostnader": .70}, {"avgifter": .20}),
    "va": ({"personal_egen": .25, "ovriga_kostnader": .75}, {"avgifter": 1.02}),
    "kost": ({"personal_egen": .50, "ovriga_kostnader": .50}, {"ovriga_intakter": .05}),
    "kultur": ({"personal_egen": .55, "ovriga_kostnader": .45},
               {"avgifter": .12, "ovriga_intakter": .08}),
    "fritid": ({"personal_egen": .40, "ovriga_kostnader": .60}, {"avgifter": .25}),
}
DEVIATIONS = {
    "SN": {"kopt_verksamhet": 0.22, "bidrag": 0.09, "personal_inhyrd": 0.6,
           "personal_egen": -0.01},
    "VON": {"personal_inhyrd": 0.9, "personal_egen": 0.01, "avgifter": -0.03},
    "BUN": {"personal_egen": 0.004, "kopt_verksamhet": 0.03},
    "KS": {"personal_egen": -0.02, "ovriga_kostnader": -0.03},
    "TN": {"ovriga_kostnader": -0.01, "avgifter": 0.02},
    None: {"skatter_statsbidrag": 0.004},
}
FORECAST_REALISM = {"SN": 0.4, "VON": 0.6, "BUN": 1.0, "KS": 1.0, "TN": 1.0, "KFN": 1.0,
                    None: 1.0}
MONTH_WEIGHTS = {
    "personal_egen": (1, 1, 1, 1, 1, 1.02, 0.85, 1, 1, 1, 1, 1.05),
    "personal_inhyrd": (0.9, 0.9, 0.9, 0.9, 0.95, 1.25, 1.5, 1.25, 0.95, 0.9, 0.9, 0.9),
    "avgifter": (1, 1, 1, 1, 1, 0.95, 0.7, 0.85, 1.05, 1.05, 1.05, 1),
}

GRANT_AT_RISK = "Statsbidrag för likvärdig skola"
GRANTS = (
    (GRANT_AT_RISK, "Stärka likvärdigheten och kunskapsutvecklingen i förskoleklass och "
     "grundskola.", "BUF-GRU", 0, 14_200, 0.21, 2),
    ("Äldreomsorgslyftet", "Utbildning av omsorgspersonal till undersköterskor på betald "
     "arbetstid.", "VOF", 0, 8_600, 0.74, "year-end"),
    ("Stärkt bemanning inom äldreomsorgen", "Fler anställda i äldreomsorgen och ökad "
     "kontinuitet.", "VOF-SABO", 0, 11_300, 0.81, "year-end"),
    ("Mindre barngrupper i förskolan", "Minska barngruppernas storlek enligt Skolverkets "
     "riktmärken.", "BUF-FSK", 0, 5_400, 0.66, "year-end"),
    ("Sommarskola och lovskola", "Undervisning under loven för elever som inte nått "
     "kunskapskraven.", "BUF-GRU", 0, 1_800, 0.9, "year-end"),
    ("Insatser mot psykisk ohälsa och suicid", "Förebyggande insatser för barn och unga.",
     "SOF-IFO", 0, 2_300, 0.55, "year-end"),
    ("Förstärkt socialtjänst för barn och unga", "Kortare utredningstider och fler "
     "familjehem.", "SOF-IFO-BOU", 0, 3_900, 0.62, "mid-next"),
    ("Lovaktiviteter för barn och unga", "Avgiftsfria aktiviteter under sommar- och "
     "höstlov.", "KFF-FRITID", 0, 1_200, 0.5, "year-end"),
    ("Klimatklivet – laddinfrastruktur", "Laddplatser vid kommunens arbetsplatser.",
     "TF-FAST", 0, 4_600, 0.28, 14),
    (GRANT_AT_RISK, "Stärka likvärdigheten i grundskolan.", "BUF-GRU", 1, 13_800, 0.97,
     "year-end"),
    ("Äldreomsorgslyftet", "Utbildning av omsorgspersonal.", "VOF", 1, 9_100, 1.0, "year-end"),
)
MEASURES = (
    ("Hemmaplanslösningar i stället för köpta HVB-placeringar", "SOF-IFO", 0, 12_000, 0.35,
     "pagaende"),
    ("Minska inhyrda sjuksköterskor genom egen bemanningspool", "VOF-HSL", 0, 6_500, 0.40,
     "pagaende"),
    ("Samordnad nattpatrull i hemtjänsten", "VOF-HEMTJ-NATT", 0, 3_200, 0.9, "genomford"),
    ("Färre förskoleavdelningar sommartid", "BUF-FSK", 0, 2_400, 1.0, "genomford"),
    ("Samlad upphandling av skolskjutsar", "BUF-LED-SKOLSKJUTS", 0, 1_800, 0.6, "pagaende"),
    ("Effektivare lokalanvändning i grundskolan", "BUF-GRU", 0, 4_000, 0.0, "planerad"),
    ("Energieffektivisering i kommunens lokaler", "TF-FAST", 0, 3_500, 0.55, "pagaende"),
    ("Omförhandling av IT-licensavtal", "KLF-IT", 0, 1_500, 1.0, "genomford"),
    ("Digital ansökan om försörjningsstöd", "SOF-IFO-BISTAND", 0, 900, 1.1, "genomford"),
    ("Kortare öppettider på badhuset", "KFF-FRITID-BADHUSET", 0, 1_200, 0.0, "avbruten"),
    ("Minska inhyrda socialsekreterare", "SOF-IFO", 1, 4_500, 0.7, "genomford"),
)

# Internal control: the processes every nämnd has, the region demo's generic risks moved to
# the kommun's nämnder, and the kommun's own.
KOMMUN_PROCESSES = (
    ("myndighet", "Myndighetsutövning och handläggning"),
    ("bistand", "Ekonomiskt bistånd"),
    ("placering", "Köpta placeringar"),
    ("omsorg", "Kvalitet och säkerhet i omsorgen"),
    ("va", "Dricksvatten och avlopp"),
    ("skola", "Skolans kvalitet och likvärdighet"),
)
NAMNDS = tuple(code for code, *_ in NAMNDER)
_GENERIC = tuple(r._replace(namnder=NAMNDS) for r in RISKS if r.namnder == ALL)
_USED = {r.process for r in _GENERIC} | {"inhyrd", "statsbidrag", "investering"}
RISKS_KOMMUN = _GENERIC + (
    R("myndighet", "Utredningar om barn blir inte klara i tid", "Barnavårdsutredningar "
      "överskrider lagens fyra månader på grund av vakanser.", "barn", ("SN",), score=(4, 3)),
    R("bistand", "Felaktigt utbetalt försörjningsstöd", "Bistånd betalas ut på ofullständigt "
      "underlag eller till fel mottagare.", "arbete", ("SN",)),
    R("placering", "Kostnaderna för köpta placeringar fortsätter att öka", "Fler och dyrare "
      "placeringar i HVB än budgeterat.", "ekonomi", ("SN",), score=(4, 4)),
    R("inhyrd", "Beroende av inhyrda sjuksköterskor", "Vakanser fylls med inhyrd personal till "
      "hög kostnad.", "inhyrd", ("VON",), score=(4, 4)),
    R("omsorg", "Brister i bemanningen nattetid på särskilt boende", "För få anställda nattetid "
      "gör att boende inte får hjälp i tid.", "omsorg", ("VON",)),
    R("omsorg", "Lex Sarah-rapporter följs inte upp", "Missförhållanden i omsorgen utreds inte "
      "och leder inte till förbättringar.", "omsorg", ("VON", "SN")),
    R("skola", "Elever får inte det stöd de har rätt till", "Extra anpassningar och särskilt "
      "stöd sätts in för sent.", "skola", ("BUN",), score=(3, 4)),
    R("skola", "Brist på behöriga lärare", "Svårt att rekrytera behöriga lärare i flera ämnen.",
      "skola", ("BUN",)),
    R("statsbidrag", "Statsbidrag återbetalas", "Riktade statsbidrag används inte enligt "
      "villkoren och måste betalas tillbaka.", "ekonomi", ("BUN", "VON", "SN")),
    R("va", "Förorenat dricksvatten", "Bakterier i dricksvattnet leder till "
      "kokningsrekommendation.", "va", ("TN",), score=(2, 4)),
    R("investering", "Investeringsprojekt blir dyrare än beräknat", "Kostnaderna i "
      "byggprojekt överskrider budget.", "klimat", ("TN", "KS")),
    R("myndighet", "Föreningsbidrag betalas ut utan underlag", "Bidrag beviljas utan att "
      "villkoren har kontrollerats.", "kultur", ("KFN",)),
)
RISKS_PER_NAMND = {"KS": (14, 17), "BUN": (15, 18), "SN": (16, 19), "VON": (15, 18),
                   "TN": (13, 15), "KFN": (12, 14)}
PROCESSES_KOMMUN = tuple(p for p in PROCESSES if p[0] in _USED) + KOMMUN_PROCESSES
CONTROLS_KOMMUN = {
    **{k: v for k, v in CONTROLS.items() if k in _USED and k != "inhyrd"},
    "myndighet": (("Kontroll av handläggningstider", "Rapport ur verksamhetssystemet",
                   "Månadsvis", "enhetschef"),),
    "bistand": (("Kontroll av beslut om försörjningsstöd", "Stickprov 20 beslut", "Kvartalsvis",
                 "enhetschef ekonomiskt bistånd"),),
    "placering": (("Uppföljning av placeringskostnader mot budget", "Rapport per placering",
                   "Månadsvis", "controller"),),
    "inhyrd": (("Uppföljning av kostnader för inhyrda sjuksköterskor", "Rapport ur Visma",
                "Månadsvis", "medicinskt ansvarig sjuksköterska"),),
    "omsorg": (("Genomgång av avvikelser och lex Sarah-rapporter", "Genomgång av samtliga "
                "rapporter", "Kvartalsvis", "kvalitetsstrateg"),),
    "skola": (("Uppföljning av åtgärdsprogram", "Stickprov 10 elever per skola", "Halvårsvis",
               "rektor"),),
    "va": (("Provtagning av dricksvatten", "Analys enligt provtagningsplanen", "Månadsvis",
            "VA-chef"),),
}
ACTIONS_KOMMUN = {
    **{k: v for k, v in ACTIONS.items() if k in _USED},
    "inhyrd": "Inrätta en egen bemanningspool för sjuksköterskor",
    "myndighet": "Införa veckovis genomgång av ärenden som närmar sig tidsgränsen",
    "bistand": "Införa digital ansökan med automatisk kontroll mot andra register",
    "placering": "Bygga ut hemmaplanslösningar och egna familjehem",
    "omsorg": "Införa rutin för uppföljning av lex Sarah-rapporter i ledningsgruppen",
    "skola": "Införa gemensam modell för extra anpassningar på alla skolor",
    "va": "Ta fram en reservvattenplan och förstärka provtagningen",
}

ROLES = {
    "OSTK": "kommundirektör", "KS": "kommundirektör", "KLF": "kommundirektör",
    "BUN": "barn- och utbildningsdirektör", "BUF": "barn- och utbildningsdirektör",
    "SN": "socialdirektör", "SOF": "socialdirektör",
    "VON": "vård- och omsorgsdirektör", "VOF": "vård- och omsorgsdirektör",
    "TN": "teknisk direktör", "TF": "teknisk direktör",
    "KFN": "kultur- och fritidschef", "KFF": "kultur- och fritidschef",
}
ACTIONS_BY_TAG = {
    "skola": ("Skolorna inför läsfrämjande arbete och följer upp resultaten varje termin.",
              "Lärarna får handledning i extra anpassningar."),
    "trygghet": ("Elevhälsan och skolorna gör trygghetsvandringar tillsammans med eleverna.",),
    "barn": ("Ärendefördelningen ses över och utredningar som närmar sig tidsgränsen följs "
             "upp varje vecka.",),
    "arbete": ("Samarbetet med Arbetsförmedlingen förstärks med gemensamma handläggare.",),
    "omsorg": ("Måltidsmiljön ses över tillsammans med de boende och deras anhöriga.",),
    "hemtjanst": ("Hemtjänsten planeras i mindre team för bättre kontinuitet.",),
    "inhyrd": ("Utfasningsplan för inhyrda sjuksköterskor med egen bemanningspool.",),
    "ekonomi": ("Handlingsplan för ekonomi i balans med månadsvis uppföljning i nämnden.",),
    "personal": ("Arbetsmiljöarbetet förstärks med tidiga rehabiliteringsinsatser.",),
    "klimat": ("Energieffektivisering genomförs enligt fastighetsplanen.",),
}
MAPPINGS = (
    ("stratsys", "enhet", "Parkskolan", "BUF-GRU-PARKSKOLAN"),
    ("stratsys", "indikator", "Trygghet i skolan", "OST-UTB-004"),
    ("*", "kostnadsslag", "Inhyrd personal (bemanningsföretag)", "personal_inhyrd"),
)

SPEC = DemoSpec(
    key="kommun", profile=PROFILE, top=TOP, namnder=NAMNDER, omraden=OMRADEN,
    perspectives=PERSPECTIVES, malbild=VISION, malbild_perspectives=("hallbarhet",),
    malomraden=MALOMRADEN, namndmal=NAMNDMAL, framgangsfaktorer=(),
    forvaltningsmal=FORVALTNINGSMAL,
    omradesmal=OMRADESMAL, enhetsmal_templates=ENHETSMAL_TEMPLATES,
    council="kommunfullmäktige", board="kommunstyrelsen", plan="Strategisk plan med budget",
    catalogue=CATALOGUE, explanations=EXPLANATIONS, uppdrag=UPPDRAG, issuer_text=ISSUER_TEXT,
    categories=CATEGORIES, revenue=REVENUE, taxes="skatter_statsbidrag",
    cost_by_namnd=COST_BY_NAMND, fixed=FIXED, cost_profiles=COST_PROFILES,
    deviations=DEVIATIONS, forecast_realism=FORECAST_REALISM, month_weights=MONTH_WEIGHTS,
    grants=GRANTS, measures=MEASURES, processes=PROCESSES_KOMMUN, risks=RISKS_KOMMUN,
    risks_per_namnd=RISKS_PER_NAMND, controls=CONTROLS_KOMMUN, actions=ACTIONS_KOMMUN,
    roles=ROLES, actions_by_tag=ACTIONS_BY_TAG, users=KOMMUN_USERS, mappings=MAPPINGS,
    summary_noun="Demokommunen",
)
