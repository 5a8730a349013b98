"""Processes, risks, kontrollmoment and åtgärder the nämnders' riskanalyser are made of."""

from __future__ import annotations

from typing import NamedTuple

PROCESSES = (
    ("lon", "Lönehantering"),
    ("attest", "Attest och utbetalning"),
    ("inhyrd", "Inhyrd personal"),
    ("lakemedel", "Läkemedelshantering"),
    ("infosak", "Informationssäkerhet"),
    ("mutor", "Mutor och jäv"),
    ("bisyssla", "Bisysslor"),
    ("upphandling", "Upphandling och avtalstrohet"),
    ("statsbidrag", "Statsbidrag"),
    ("patsak", "Patientsäkerhet"),
    ("arbetsmiljo", "Arbetsmiljö"),
    ("kompetens", "Kompetensförsörjning"),
    ("budget", "Budget och prognos"),
    ("dokument", "Dokument- och ärendehantering"),
    ("dataskydd", "Personuppgiftshantering"),
    ("kontinuitet", "Krisberedskap och kontinuitet"),
    ("delegation", "Delegation och beslut"),
    ("representation", "Representation och gåvor"),
    ("investering", "Investeringar och fastighetsunderhåll"),
    ("tillganglighet", "Vårdgaranti och tillgänglighet"),
    ("koptvard", "Köpt vård"),
    ("kassa", "Kassa och patientavgifter"),
    ("medteknik", "Medicinteknisk utrustning"),
    ("bidrag", "Bidragsgivning och företagsstöd"),
    ("trafikavtal", "Trafikavtal och avtalsuppföljning"),
    ("klagomal", "Klagomålshantering"),
)

ALL = ("RS", "HSN", "RUN", "KTN", "PN")


class RiskTemplate(NamedTuple):
    process: str
    title: str
    description: str
    tag: str  # which goals it threatens
    namnder: tuple[str, ...] = ALL
    owner: str | None = None  # unit code; default the nämnd's förvaltning
    score: tuple[int, int] | None = None  # fixed sannolikhet × konsekvens (the story's risks)


R = RiskTemplate
RISKS = (
    R("lon", "Felaktiga löneutbetalningar", "Lön betalas ut felaktigt på grund av brister i "
      "registreringen av frånvaro, tillägg och ersättningar.", "personal"),
    R("lon", "Lön betalas ut efter avslutad anställning", "Avslut registreras inte i tid i "
      "Heroma och lön fortsätter att betalas ut.", "ekonomi"),
    R("attest", "Attest i strid med attestreglementet", "Fakturor attesteras av obehörig eller "
      "av den som själv berörs av kostnaden.", "ekonomi"),
    R("attest", "Betalning av bedrägliga fakturor", "Falska fakturor eller ändrade bankuppgifter "
      "leder till felaktiga utbetalningar.", "ekonomi"),
    R("mutor", "Mutor och otillbörlig påverkan vid inköp", "Medarbetare tar emot förmåner från "
      "leverantörer som påverkar beslut.", "styrning"),
    R("mutor", "Jäv vid beslut och handläggning", "Handläggare eller beslutsfattare deltar i "
      "ärenden där de är jäviga.", "styrning"),
    R("bisyssla", "Förtroendeskadliga bisysslor", "Bisysslor anmäls och prövas inte, till "
      "exempel uppdrag hos bemanningsföretag.", "personal"),
    R("upphandling", "Inköp utanför avtal", "Bristande avtalstrohet ger högre kostnader och "
      "brott mot lagen om offentlig upphandling.", "upphandling"),
    R("upphandling", "Otillåten direktupphandling", "Direktupphandlingar överstiger "
      "beloppsgränsen eller dokumenteras inte.", "upphandling"),
    R("infosak", "Obehörig åtkomst till känsliga uppgifter", "Behörigheter tas inte bort vid "
      "byte av tjänst eller avslutad anställning.", "digital"),
    R("dataskydd", "Personuppgiftsincidenter anmäls inte i tid", "Incidenter rapporteras inte "
      "till Integritetsskyddsmyndigheten inom 72 timmar.", "digital"),
    R("dokument", "Allmänna handlingar lämnas inte ut skyndsamt", "Begäran om allmän handling "
      "hanteras inte skyndsamt och diarieföringen brister.", "styrning"),
    R("arbetsmiljo", "Hög arbetsbelastning och ökad sjukfrånvaro", "Hög arbetsbelastning leder "
      "till ohälsa och ökad sjukfrånvaro.", "personal"),
    R("kompetens", "Svårt att rekrytera och behålla nyckelkompetens", "Verksamheten kan inte "
      "bemannas med rätt kompetens.", "personal"),
    R("budget", "Bristande budgetföljsamhet och osäkra prognoser", "Avvikelser upptäcks sent och "
      "prognoserna är för optimistiska.", "ekonomi"),
    R("kontinuitet", "Bristande kontinuitetsplanering vid IT-avbrott", "Verksamheten kan inte "
      "bedrivas vid längre avbrott i IT-system eller elförsörjning.", "digital"),
    R("delegation", "Beslut fattas utan stöd i delegationsordningen", "Beslut fattas av fel "
      "person eller anmäls inte till nämnden.", "styrning"),
    R("representation", "Representation i strid med riktlinjerna", "Representation och gåvor "
      "följer inte regionens riktlinjer.", "styrning"),
    R("statsbidrag", "Riktade statsbidrag används inte i tid", "Statsbidrag används inte enligt "
      "villkoren och måste betalas tillbaka.", "ekonomi", ("HSN", "RS", "RUN", "KTN")),
    R("inhyrd", "Höga kostnader för inhyrd personal", "Beroendet av inhyrda läkare och "
      "sjuksköterskor fortsätter och driver kostnaderna långt över budget.", "inhyrd", ("HSN",),
      "HSF", (4, 4)),
    R("inhyrd", "Inhyrd personal utan kontrollerad legitimation", "Inhyrd personal tjänstgör "
      "utan att legitimation och kompetens har kontrollerats.", "patientsakerhet", ("HSN",), "HSF"),
    R("lakemedel", "Läkemedelskostnaderna ökar mer än budgeterat", "Nya dyra läkemedel och ökad "
      "förskrivning ger kostnader över budget.", "ekonomi", ("HSN",), "HSF-LED", (3, 3)),
    R("lakemedel", "Svinn av narkotikaklassade läkemedel", "Stöld eller felaktig hantering av "
      "narkotikaklassade läkemedel.", "patientsakerhet", ("HSN",), "HSF-MED"),
    R("patsak", "Vårdskador vid brister i överrapportering", "Information förs inte vidare "
      "mellan vårdenheter och leder till vårdskador.", "patientsakerhet", ("HSN",), "HSF"),
    R("patsak", "Överbeläggningar och utlokaliserade patienter", "Patienter vårdas på fel "
      "avdelning, vilket ökar risken för vårdskador.", "vardplats", ("HSN",), "HSF-MED", (4, 4)),
    R("patsak", "Bristande följsamhet till basala hygienrutiner", "Bristande följsamhet ger fler "
      "vårdrelaterade infektioner.", "kvalitet", ("HSN",), "HSF-KIR"),
    R("tillganglighet", "Vårdgarantin uppfylls inte", "Patienter väntar längre än "
      "vårdgarantins gränser för besök och behandling.", "tillganglighet", ("HSN",), "HSF",
      (4, 3)),
    R("koptvard", "Ökade kostnader för utomlänsvård", "Kostnaderna för vård i andra regioner "
      "ökar när den egna kapaciteten inte räcker.", "ekonomi", ("HSN",), "HSF-LED"),
    R("kassa", "Felaktig hantering av patientavgifter", "Fel och oegentligheter vid "
      "kontanthantering och avgiftsuttag.", "ekonomi", ("HSN",), "HSF-PV"),
    R("medteknik", "Medicinteknisk utrustning utan underhåll", "Utrustning används utan "
      "föreskrivet förebyggande underhåll.", "patientsakerhet", ("HSN",), "HSF-DIA"),
    R("infosak", "Otillåten läsning i patientjournaler", "Medarbetare läser journaler utan "
      "vårdrelation.", "patientsakerhet", ("HSN",), "HSF"),
    R("tillganglighet", "Långa väntetider inom barn- och ungdomspsykiatrin", "Barn och unga får "
      "inte utredning och behandling i tid.", "barn", ("HSN",), "HSF-PSY", (3, 4)),
    R("kompetens", "Brist på barnmorskor och specialistsjuksköterskor", "Förlossningsvård och "
      "intensivvård kan inte bemannas under sommaren.", "personal", ("HSN",), "HSF-KVS"),
    R("arbetsmiljo", "Hot och våld mot personal på akutmottagningen", "Medarbetare utsätts för "
      "hot och våld.", "personal", ("HSN",), "HSF-AKUT"),
    R("investering", "Byggprojekt på Östersunds sjukhus överskrider budget", "Stora byggprojekt "
      "blir dyrare och försenas.", "ekonomi", ("RS",), "RSTAB-FAST"),
    R("budget", "Pensionsskulden växer snabbare än avsatta medel", "Pensionsmedlen räcker inte "
      "för att möta framtida utbetalningar.", "ekonomi", ("RS",), "RSTAB-EKO"),
    R("infosak", "Cyberangrepp mot regionens IT-miljö", "Ett angrepp med skadlig kod slår ut "
      "vårdens IT-system.", "digital", ("RS",), "RSTAB-IT", (3, 4)),
    R("investering", "Eftersatt fastighetsunderhåll", "Underhållsskulden ökar och ger akuta fel "
      "i vårdlokaler.", "klimat", ("RS",), "RSTAB-FAST"),
    R("lon", "Fel vid uppgradering av lönesystemet", "Felaktiga löner i samband med ny version "
      "av Heroma.", "personal", ("RS",), "RSTAB-HR"),
    R("budget", "Höga energikostnader", "Elpriset ger kostnader långt över budget.", "klimat",
      ("RS",), "RSTAB-FAST"),
    R("bidrag", "Felaktigt beviljade företagsstöd", "Stöd beviljas utan att villkoren är "
      "uppfyllda.", "naringsliv", ("RUN",), "RU-NSU"),
    R("bidrag", "Bristande uppföljning av projektmedel", "Beviljade projektmedel följs inte upp "
      "och resultat redovisas inte.", "naringsliv", ("RUN",), "RU-NSU"),
    R("statsbidrag", "Minskade statsbidrag till folkhögskolan", "Folkbildningsrådets bidrag "
      "minskar och kurser måste stängas.", "utb", ("RUN",), "RU-FHS"),
    R("budget", "Sviktande besöksintäkter på Jamtli", "Färre besökare ger lägre intäkter än "
      "budgeterat.", "kultur", ("RUN",), "RU-KOB"),
    R("arbetsmiljo", "Brister i tillsyn och säkerhet på internatet", "Deltagare på Birka "
      "folkhögskolas internat får inte det stöd och den tillsyn de behöver.", "utb", ("RUN",),
      "RU-FHS"),
    R("trafikavtal", "Bristande uppföljning av trafikavtal", "Operatörernas kvalitet och "
      "ersättning följs inte upp enligt avtal.", "kvalitet", ("KTN",), "KTF-KT"),
    R("trafikavtal", "Felaktiga ersättningar för serviceresor", "Ersättning betalas för resor "
      "som inte utförts eller inte samordnats.", "ekonomi", ("KTN",), "KTF-KT"),
    R("budget", "Biljettintäkterna når inte budget", "Resandet återhämtar sig inte och "
      "intäkterna blir lägre än budgeterat.", "resande", ("KTN",), "KTF-KT", (3, 3)),
    R("upphandling", "Försenad upphandling av ny trafik", "Nya trafikavtal blir inte klara i "
      "tid och trafik måste direktupphandlas.", "upphandling", ("KTN",), "KTF"),
    R("kontinuitet", "Störningar i biljett- och betalsystemet", "Resenärer kan inte köpa "
      "biljetter och intäkter går förlorade.", "kvalitet", ("KTN",), "KTF-KT"),
    R("trafikavtal", "Brister i fordonens trafiksäkerhet", "Fordon i upphandlad trafik uppfyller "
      "inte kraven på säkerhet och tillgänglighet.", "kvalitet", ("KTN",), "KTF-KT"),
    R("klagomal", "Klagomål handläggs inte inom rimlig tid", "Ärenden blir liggande och "
      "patienter får inte svar.", "kvalitet", ("PN",), "PNK-PS"),
    R("klagomal", "Brist på stödpersoner", "Patienter inom tvångsvården får inte en stödperson "
      "utsedd i tid.", "kvalitet", ("PN",), "PNK-PS"),
    R("klagomal", "Klagomål återförs inte till vården", "Iakttagelser från klagomål leder inte "
      "till förbättringar i vården.", "patientsakerhet", ("PN",), "PNK-PS"),
)

# Risks per nämnd and year: (fewest, most).
RISKS_PER_NAMND = {"HSN": (26, 30), "RS": (20, 24), "RUN": (18, 22), "KTN": (16, 20), "PN": (15, 17)}

# (description, method, frequency, responsible role) per process; DEFAULT_CONTROL otherwise.
CONTROLS = {
    "lon": (("Kontroll av att löneutbetalningar stämmer mot underlag", "Stickprov 20 "
             "löneutbetalningar", "Månadsvis", "lönechef"),
            ("Avstämning av avslutade anställningar mot utbetald lön", "Systemrapport ur Heroma",
             "Kvartalsvis", "chef för löneservice")),
    "attest": (("Kontroll av att attest sker enligt attestreglementet", "Stickprov 20 attester",
                "Tertialvis", "ekonomichef"),
               ("Kontroll av ändrade bankuppgifter hos leverantörer", "Genomgång av samtliga "
                "ändringar", "Månadsvis", "chef för ekonomiservice")),
    "inhyrd": (("Uppföljning av kostnader för inhyrd personal mot handlingsplanen", "Rapport ur "
                "Raindance per verksamhetsområde", "Månadsvis", "ekonomichef"),
               ("Kontroll av legitimation för inhyrd personal", "Stickprov 10 uppdrag mot "
                "Socialstyrelsens register", "Tertialvis", "HR-chef")),
    "lakemedel": (("Inventering av narkotikaförråd", "Avstämning mot journal och "
                   "beställningar", "Kvartalsvis", "medicinskt ansvarig sjuksköterska"),
                  ("Uppföljning av läkemedelskostnader mot budget", "Rapport från "
                   "läkemedelsenheten", "Månadsvis", "läkemedelschef")),
    "infosak": (("Kontroll av behörigheter i verksamhetssystemen", "Logguppföljning, stickprov 30 "
                 "användare", "Kvartalsvis", "informationssäkerhetssamordnare"),
                ("Test av återställning från säkerhetskopior", "Återläsningstest", "Halvårsvis",
                 "IT-driftchef")),
    "upphandling": (("Kontroll av avtalstrohet", "Analys av inköp utanför avtal i Raindance",
                     "Tertialvis", "upphandlingschef"),
                    ("Kontroll av direktupphandlingar", "Stickprov 15 direktupphandlingar",
                     "Halvårsvis", "upphandlingschef")),
    "statsbidrag": (("Uppföljning av förbrukningen av riktade statsbidrag", "Avstämning per "
                     "bidrag mot villkoren", "Tertialvis", "controller"),),
    "patsak": (("Punktprevalensmätning av vårdskador", "Mätning på samtliga vårdavdelningar",
                "Halvårsvis", "chefläkare"),
               ("Granskning av avvikelser", "Genomgång av avvikelser i Synergi", "Månadsvis",
                "patientsäkerhetssamordnare")),
    "tillganglighet": (("Uppföljning av väntetider mot vårdgarantin", "Rapport ur "
                        "väntetidsdatabasen", "Månadsvis", "verksamhetschef"),),
    "budget": (("Uppföljning av prognos mot budget", "Månadsrapport med analys av avvikelser",
                "Månadsvis", "controller"),),
    "bidrag": (("Kontroll av beviljade stöd mot villkoren", "Stickprov 10 beslut",
                "Tertialvis", "enhetschef företagsstöd"),),
    "trafikavtal": (("Uppföljning av operatörernas avtalsuppfyllelse", "Genomgång av "
                     "avvikelserapporter och viten", "Kvartalsvis", "trafikchef"),),
    "klagomal": (("Uppföljning av handläggningstider", "Rapport ur ärendesystemet",
                  "Tertialvis", "kanslichef"),),
}
DEFAULT_CONTROL = ("Kontroll av att rutinen följs", "Stickprov 10 ärenden", "Halvårsvis",
                   "ansvarig chef")
REPORTED_TO = {
    "Månadsvis": "Förvaltningsledningen månadsvis, nämnden i tertialrapport",
    "Kvartalsvis": "Förvaltningsledningen, nämnden i delårsrapport",
    "Tertialvis": "Nämnden i tertial- och delårsrapport",
    "Halvårsvis": "Nämnden i delårsrapport",
    "Årsvis": "Nämnden i årsredovisning",
}
# When controls of a frequency are performed: (month, day, years after the risk's year).
CONTROL_DATES = {
    "Månadsvis": tuple((m, 10, 0) for m in range(2, 13)) + ((1, 10, 1),),
    "Kvartalsvis": ((4, 10, 0), (7, 10, 0), (10, 10, 0), (1, 12, 1)),
    "Tertialvis": ((5, 10, 0), (9, 10, 0), (1, 15, 1)),
    "Halvårsvis": ((7, 8, 0), (1, 15, 1)),
    "Årsvis": ((12, 15, 0),),
}
DEVIATION_COMMENTS = (
    "Avvikelse: 2 av 20 kontrollerade poster saknade korrekt underlag. Rutinen har förtydligats.",
    "Avvikelse: utfallet överstiger handlingsplanen. Åtgärd beslutad i förvaltningsledningen.",
    "Avvikelse: en behörighet fanns kvar efter avslutad anställning och har tagits bort.",
    "Avvikelse: dokumentationen var ofullständig. Berörda chefer har informerats.",
)
OK_COMMENTS = (
    "Kontrollen genomförd utan anmärkning.",
    "Inga avvikelser i stickprovet.",
    "Utan anmärkning. Rutinen följs.",
)

ACTIONS = {
    "lon": "Införa automatisk avstämning av frånvaro mot lön",
    "attest": "Utbilda alla attestanter i attestreglementet",
    "inhyrd": "Genomföra utfasningsplanen för inhyrd personal",
    "lakemedel": "Införa månadsvis läkemedelsuppföljning per verksamhetsområde",
    "infosak": "Införa automatisk borttagning av behörigheter vid avslut",
    "mutor": "Utbilda alla chefer om mutor och jäv",
    "bisyssla": "Påminna om anmälan av bisysslor i medarbetarsamtalen",
    "upphandling": "Införa e-handel med styrning mot avtal",
    "statsbidrag": "Införa rutin för månadsvis uppföljning av statsbidrag",
    "patsak": "Införa strukturerad överrapportering enligt SBAR",
    "tillganglighet": "Införa produktions- och kapacitetsplanering i alla verksamheter",
    "koptvard": "Öka den egna kapaciteten för att minska remisser till andra regioner",
    "kassa": "Införa kortbetalning och avveckla kontanthanteringen",
    "medteknik": "Upprätta underhållsplan för all medicinteknisk utrustning",
    "arbetsmiljo": "Genomföra riskbedömning och handlingsplan för arbetsmiljön",
    "kompetens": "Ta fram en kompetensförsörjningsplan med utbildningstjänster",
    "budget": "Införa månatliga prognosmöten med förvaltningsledningen",
    "dataskydd": "Utbilda medarbetare i incidentrapportering",
    "dokument": "Införa e-arkiv och rutin för utlämnande av allmän handling",
    "kontinuitet": "Ta fram kontinuitetsplaner för samhällsviktig verksamhet",
    "delegation": "Revidera delegationsordningen och rutinen för anmälan av beslut",
    "representation": "Förtydliga riktlinjen för representation och gåvor",
    "investering": "Införa beslutspunkter och löpande kostnadsprognos i investeringsprojekt",
    "bidrag": "Införa tvåhandsprincip vid beslut om företagsstöd",
    "trafikavtal": "Införa kvartalsvisa uppföljningsmöten med trafikoperatörerna",
    "klagomal": "Förenkla handläggningen och rekrytera fler stödpersoner",
}
