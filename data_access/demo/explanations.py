"""Plain-language explanations of the demo's published indicators, for the public pages:
what the figure means and why it matters, in words a citizen without the jargon understands.
"""

from __future__ import annotations

EXPLANATIONS: dict[str, str] = {
    # --- Ekonomi, miljö och medarbetare ---------------------------------------------------
    "RJH-EKO-001": "Hur stort överskott regionen har kvar av sina skatteintäkter och statsbidrag "
                   "när årets kostnader är betalda. Ett överskott på minst två procent behövs för "
                   "att kunna investera i sjukhus och vård utan att låna och utan att skjuta "
                   "kostnader på kommande generationer.",
    "RJH-EKO-002": "Hur stor del av regionens tillgångar som är betalda med egna pengar, när hela "
                   "skulden för framtida pensioner räknas med. En negativ soliditet betyder att "
                   "skulderna är större än tillgångarna, och att regionen har mindre marginal "
                   "för oväntade kostnader.",
    "RJH-EKO-003": "Hur stor del av de pensioner regionen har lovat sina anställda som redan är "
                   "sparade. Ju mer som är sparat i dag, desto mindre av framtidens skatt behöver "
                   "gå till pensioner i stället för till vård och kollektivtrafik.",
    "RJH-EKO-004": "Årets överskott eller underskott delat med antalet invånare i länet. Det gör "
                   "resultatet lätt att jämföra över tid och med andra regioner.",
    "RJH-MIL-001": "Hur mycket energi regionens sjukhus, hälsocentraler och andra byggnader "
                   "använder per kvadratmeter. Mindre energi sparar både pengar och klimat.",
    "RJH-HR-001": "Andelen anställda som i medarbetarenkäten svarar att de kan påverka hur "
                  "arbetet läggs upp. Inflytande hänger ihop med trivsel och hälsa, och gör det "
                  "lättare att behålla och rekrytera personal.",
    # --- Kolada: kostnader och befolkning ----------------------------------------------------
    "N01951": "Hur många som bor i Jämtlands län den 31 december. Befolkningen avgör både "
              "regionens skatteintäkter och hur mycket vård, tandvård och kollektivtrafik som "
              "behövs.",
    "N70061": "Vad hälso- och sjukvården inklusive läkemedel kostar per invånare, efter avdrag "
              "för patientavgifter och andra intäkter. Jämförelsen med andra regioner visar om "
              "vården kostar mer eller mindre här, till exempel på grund av långa avstånd.",
    "N70060": "Vad hälso- och sjukvården utan tandvård kostar per invånare, efter avdrag för "
              "intäkter. Det är den största delen av regionens kostnader och följs därför noga.",
    "N70059": "Vad läkemedel kostar regionen per invånare. Läkemedelskostnaderna ökar snabbt "
              "och påverkar hur mycket pengar som blir kvar till annan vård.",
    "N80043": "Vad tandvården kostar regionen per invånare, efter avdrag för patientavgifter. "
              "Visar hur mycket skattepengar som går till barns och vuxnas tandvård.",
    "N85012": "Vad regionens arbete med näringsliv, kultur, utbildning och infrastruktur "
              "kostar per invånare. Ska ligga inom ett intervall: tillräckligt för att länet "
              "ska utvecklas, utan att tränga undan vården.",
    "N60007": "Vad de politiska organen, som regionfullmäktige och nämnderna, kostar per "
              "invånare. Visar hur mycket av skatten som går till den politiska styrningen.",
    # --- Medarbetare --------------------------------------------------------------------------
    "RJH-HR-002": "Hur stor del av den avtalade arbetstiden som anställda är sjukskrivna. Hög "
                  "sjukfrånvaro är ett tecken på tung arbetsmiljö och gör att andra får arbeta "
                  "mer eller att personal måste hyras in.",
    "RJH-HR-003": "Vad regionen betalar bemanningsföretag för läkare och sjuksköterskor som inte "
                  "är anställda. Inhyrd personal kostar betydligt mer än egen, och ett minskat "
                  "beroende är en av regionens viktigaste ekonomiska frågor.",
    "RJH-HR-004": "Hur stor del av de anställda som slutar under året. Hög omsättning gör det "
                  "svårare att hålla kontinuitet för patienterna och kostar pengar för "
                  "rekrytering och introduktion.",
    "RJH-HR-006": "Hur stor del av de anställda som arbetar heltid. Fler heltider ger mer "
                  "arbetstid utan nyanställningar och bättre ekonomi för de anställda, inte minst "
                  "för kvinnor som oftare arbetar deltid.",
    "RJH-HR-008": "Ett index från medarbetarenkäten om motivation, ledarskap och styrning. Ett "
                  "högt värde betyder att medarbetarna är engagerade, vilket hänger ihop med god "
                  "kvalitet i verksamheten.",
    "RJH-HR-009": "Hur stor del av de anställda som haft ett utvecklingssamtal med sin chef under "
                  "året. Samtalet är ett sätt att följa upp arbetsmiljö, mål och utveckling.",
    # --- Hälso- och sjukvård -----------------------------------------------------------------
    "RJH-HSV-001": "Hur stor del av dem som ringer eller skriver till sin hälsocentral som får "
                   "kontakt samma dag. Det är första steget i vårdgarantin och avgör hur lätt "
                   "det är att få hjälp.",
    "RJH-HSV-002": "Hur stor del av patienterna som får en medicinsk bedömning av legitimerad "
                   "personal inom tre dagar, som vårdgarantin lovar. Visar om primärvården "
                   "hinner med sina patienter.",
    "RJH-HSV-003": "Hur stor del av dem som remitterats till specialistvården som får sitt första "
                   "besök inom 90 dagar. Vårdgarantin säger att ingen ska behöva vänta längre.",
    "RJH-HSV-004": "Hur stor del av dem som väntar på en operation eller behandling som får den "
                   "inom 90 dagar efter beslutet. Lång väntan kan göra besvären värre.",
    "RJH-HSV-005": "Hur många patienter som har väntat längre än vårdgarantins 90 dagar på ett "
                   "första besök i specialistvården. Ju färre desto bättre.",
    "RJH-HSV-006": "Hur länge en patient typiskt stannar på akutmottagningen, från ankomst till "
                   "hemgång eller inläggning. Långa vistelser är påfrestande för patienterna och "
                   "ett tecken på brist på vårdplatser.",
    "RJH-HSV-007": "Hur stor del av patienterna på akutmottagningen som är klara inom fyra "
                   "timmar. Ett vanligt mått på om akuten fungerar.",
    "RJH-HSV-008": "Hur stor del av sjukhusets vårdplatser som är belagda med patienter. För hög "
                   "beläggning ökar risken för misstag och infektioner, för låg betyder att "
                   "platser står oanvända.",
    "RJH-HSV-009": "Antalet dagar som patienter som är färdigbehandlade ligger kvar på sjukhus i "
                   "väntan på plats i kommunens omsorg. De dagarna saknas för andra patienter.",
    "RJH-HSV-010": "Hur stor del av patienterna som skrivs in på sjukhus igen inom 30 dagar. "
                   "Många återinskrivningar kan betyda att patienter skrivs ut för tidigt eller "
                   "utan tillräcklig planering.",
    "RJH-HSV-011": "Hur stor del av patienterna på sjukhus som fått en infektion i samband med "
                   "vården. Sådana infektioner går ofta att förebygga.",
    "RJH-HSV-012": "Hur stor del av patienterna på sjukhus som har trycksår. Trycksår gör ont och "
                   "kan oftast förebyggas med god omvårdnad.",
    "RJH-HSV-013": "Hur stor del av personalen som följer reglerna för handhygien och "
                   "arbetskläder när det kontrolleras. Det är det viktigaste skyddet mot "
                   "smittspridning i vården.",
    "RJH-HSV-014": "Hur många allvarliga vårdskador, eller risker för sådana, som regionen "
                   "anmält till Inspektionen för vård och omsorg. Anmälningarna är en del av "
                   "arbetet med att lära av misstag.",
    "RJH-HSV-016": "Hur stor del av besöken i primärvården som sker digitalt, via video eller "
                   "chatt. Digitala besök sparar resor i ett stort län.",
    "RJH-HSV-018": "Hur stor del av invånarna som har en namngiven läkare på sin hälsocentral. "
                   "En fast läkarkontakt ger bättre kontinuitet och trygghet, särskilt för den "
                   "som har flera sjukdomar.",
    "RJH-HSV-019": "Hur stor del av patienterna som i den nationella patientenkäten ger "
                   "primärvården ett gott helhetsbetyg. Visar hur patienterna själva upplever "
                   "vården.",
    "RJH-HSV-020": "Hur stor del av invånarna som har stort förtroende för hälso- och sjukvården "
                   "i länet, enligt Vårdbarometern.",
    "RJH-HSV-021": "Hur stor del av patienterna med misstänkt cancer som får utredning och "
                   "besked inom de nationellt bestämda tiderna. Snabb utredning ger bättre "
                   "chans till bot.",
    "RJH-HSV-022": "Hur stor del av de kvinnor som kallas till cellprovtagning som också "
                   "kommer. Screeningen upptäcker förstadier till livmoderhalscancer i tid.",
    "RJH-HSV-023": "Hur stor del av tvååringarna som vaccinerats mot mässling, påssjuka och "
                   "röda hund. Hög täckning skyddar även dem som inte kan vaccineras.",
    "RJH-HSV-025": "Hur stor del av de vaginala förlossningarna där kvinnan fått en svår "
                   "bristning. Låg andel är ett tecken på säker förlossningsvård.",
    "RJH-HSV-026": "Hur stor del av barn och unga som får ett första besök på barn- och "
                   "ungdomspsykiatrin inom 30 dagar. Tidig hjälp gör skillnad för den som mår "
                   "dåligt.",
    "RJH-HSV-027": "Hur stor del av barn och unga som påbörjar en fördjupad utredning, till "
                   "exempel för adhd eller autism, inom 30 dagar efter beslut.",
    "RJH-HSV-028": "Hur många per 100 000 invånare som tar sitt liv, som medelvärde över fem "
                   "år. Regionen arbetar förebyggande tillsammans med kommunerna.",
    "RJH-HSV-029": "Hur stor del av patienterna i psykiatrin med behov av insatser från flera "
                   "håll som har en gemensam plan med kommunen. Planen gör att ingen hamnar "
                   "mellan stolarna.",
    "RJH-HSV-030": "Hur många gånger personalen i psykiatrisk heldygnsvård har använt tvång, som "
                   "bältesläggning eller avskiljning. Tvång ska användas så lite som möjligt.",
    "RJH-HSV-031": "Hur lång tid det typiskt tar från larm till att ambulansen är på plats vid de "
                   "mest brådskande larmen. I ett glest befolkat län är avstånden långa.",
    "RJH-HSV-032": "Hur stor del av de mest brådskande ambulanslarmen där ambulansen är på plats "
                   "inom 20 minuter.",
    "RJH-HSV-033": "Hur många planerade operationer som ställs in, till exempel för att "
                   "vårdplatser eller personal saknas. Varje struken operation betyder längre "
                   "väntan för en patient.",
    "RJH-HSV-034": "Hur många operationer sjukhuset har genomfört. Visar hur mycket vård som "
                   "produceras och påverkar köerna.",
    "RJH-HSV-035": "Hur många dagar det typiskt tar från remiss till svar på en "
                   "röntgenundersökning. Snabba svar gör att behandlingen kan börja tidigare.",
    "RJH-HSV-038": "Hur många dagar en patient i genomsnitt ligger på sjukhus. Kortare vårdtider "
                   "frigör platser, men för korta kan leda till återinskrivningar.",
    "RJH-HSV-039": "Hur ofta patienter får ligga på en avdelning utan plats för dem eller på fel "
                   "avdelning, per 100 vårdplatser. Det ökar risken för vårdskador.",
    "RJH-HSV-041": "Hur många antibiotikarecept som skrivs ut per 1 000 invånare och år. Färre "
                   "onödiga recept minskar risken för resistenta bakterier.",
    "RJH-HSV-042": "Hur stor del av personerna med diabetes som har ett blodsocker inom målet. "
                   "Väl inställt blodsocker minskar risken för skador på hjärta, njurar och ögon.",
    "RJH-HSV-043": "Hur stor del av personerna med högt blodtryck som fått ned trycket under "
                   "140/90. Det minskar risken för stroke och hjärtinfarkt.",
    "RJH-HSV-044": "Vad en vårdtid på sjukhus kostar, räknat per poäng för hur resurskrävande "
                   "vården är. Gör det möjligt att jämföra kostnaden oberoende av hur sjuka "
                   "patienterna är.",
    "RJH-HSV-045": "Hur stor del av patienterna 75 år och äldre som fått sina läkemedel "
                   "genomgångna innan de skrivs ut. Fel läkemedel är en vanlig orsak till att "
                   "äldre blir sjuka igen.",
    "RJH-HSV-046": "Hur stor del av samtalen till 1177 som besvaras inom 20 minuter. 1177 är "
                   "ofta första kontakten när man blir sjuk.",
    "RJH-HSV-047": "Hur många som har väntat längre än 90 dagar på en operation av grå starr. "
                   "Operationen ger bättre syn och minskar risken för fall.",
    "RJH-HSV-048": "Hur stor del av patienterna med stroke som läggs in direkt på en "
                   "strokeenhet. Det ger större chans att överleva och klara sig själv efteråt.",
    "RJH-HSV-049": "Hur stor del av patienterna med höftfraktur som opereras inom ett dygn. "
                   "Snabb operation minskar smärta och komplikationer.",
    "RJH-HSV-050": "Hur stor del av laboratoriets provsvar som lämnas inom den utlovade tiden. "
                   "Vården behöver svaren för att ställa diagnos.",
    "RJH-HSV-051": "Hur stor del av de rapporterade avvikelserna i vården som utreds inom 30 "
                   "dagar. Snabb utredning gör att samma misstag inte upprepas.",
    "RJH-HSV-055": "Hur stor del av invånarna 75 år och äldre som har en fast läkarkontakt. "
                   "Äldre har ofta flera sjukdomar och har störst nytta av kontinuitet.",
    "RJH-HSV-056": "Hur många hembesök det mobila närvårdsteamet gör. Vård i hemmet kan ersätta "
                   "akutbesök och sjukhusvistelser för sköra äldre.",
    "RJH-HSV-057": "Hur stor del av barnen som fått alla besök som barnhälsovårdens program "
                   "erbjuder. Besöken fångar tidigt upp problem med hälsa och utveckling.",
    "RJH-HSV-058": "Hur många dagar det typiskt tar att få en tid hos fysioterapeut. Tidig "
                   "behandling kan förhindra långvarig smärta och sjukskrivning.",
    # --- Tandvård ----------------------------------------------------------------------------
    "RJH-TV-001": "Hur stor del av sexåringarna som aldrig haft hål i tänderna. Visar hur väl "
                  "det förebyggande arbetet når de minsta barnen.",
    "RJH-TV-002": "Hur stor del av tolvåringarna som inte har några lagade eller kariesskadade "
                  "tänder. God munhälsa i barndomen lägger grunden för livet.",
    "RJH-TV-003": "Hur stor del av barnen och ungdomarna som undersökts av tandvården så ofta "
                  "som deras behandlingsplan säger.",
    "RJH-TV-004": "Hur många vuxna som står i kö för att bli patienter i folktandvården. En lång "
                  "kö betyder att det är svårt att få tandvård i länet.",
    "RJH-TV-005": "Hur stor del av de vuxna patienterna som kallas till undersökning i tid. "
                  "Regelbundna undersökningar upptäcker problem innan de blir dyra att laga.",
    "RJH-TV-007": "Hur stor del av patienterna i folktandvården som är nöjda med sitt besök.",
    # --- Regional utveckling -----------------------------------------------------------------
    "RJH-RU-001": "Värdet av allt som produceras i länet under ett år, delat med antalet "
                  "invånare. Ett mått på hur stark ekonomin i länet är.",
    "RJH-RU-002": "Hur stor del av invånarna 20–64 år som har ett arbete. Fler i arbete stärker "
                  "både hushållens ekonomi och de gemensamma skatteintäkterna.",
    "RJH-RU-003": "Hur stor del av invånarna 16–64 år som är arbetslösa eller i "
                  "arbetsmarknadsprogram. Visar hur arbetsmarknaden i länet mår.",
    "RJH-RU-004": "Hur många nya företag som startas per 1 000 invånare. Nya företag ger nya "
                  "jobb och ett mer livskraftigt näringsliv.",
    "RJH-RU-005": "Hur stor del av invånarna 25–64 år som har studerat efter gymnasiet. Utbildad "
                  "arbetskraft behövs för att företag och offentlig sektor ska kunna rekrytera.",
    "RJH-RU-006": "Hur många nätter besökare har övernattat på hotell, stugbyar och campingar i "
                  "länet. Besöksnäringen är viktig för jobben i länet, särskilt i fjällen.",
    "RJH-RU-007": "Hur stor del av hushåll och företag som kan få snabbt bredband. Bra "
                  "uppkoppling gör det möjligt att bo, arbeta och driva företag i hela länet.",
    "RJH-RU-008": "Hur mycket växthusgaser som släpps ut i länet per invånare och år. Utsläppen "
                  "behöver minska för att klimatmålen ska nås.",
    "RJH-RU-009": "Hur stor del av regionens stöd till företag som går till företag som ägs av "
                  "kvinnor. Ska ligga mellan 40 och 60 procent, så att stödet fördelas jämställt.",
    "RJH-RU-010": "Hur mycket pengar regionen har beviljat i stöd till företag i länet, i "
                  "miljoner kronor.",
    "RJH-RU-011": "Hur stor del av invånarna som själva tycker att deras hälsa är bra. Ett brett "
                  "mått på folkhälsan i länet.",
    "RJH-RU-012": "Hur stor del av de unga som varken arbetar eller studerar. De riskerar att "
                  "hamna långt från arbetsmarknaden och behöver stöd tidigt.",
    "RJH-RU-013": "Hur mycket befolkningen i länet har ökat eller minskat under året. En växande "
                  "befolkning ger fler som kan arbeta och betala skatt.",
    "RJH-RU-014": "Hur många projekt som har fått pengar för att utveckla länet, till exempel "
                  "inom näringsliv, kompetens och infrastruktur.",
    "RJH-RU-015": "Hur många publika laddstolpar för elbilar som finns i länet. Laddstolpar "
                  "behövs för att fler ska kunna byta till elbil, även på landsbygden.",
    # --- Kultur ------------------------------------------------------------------------------
    "RJH-KUL-001": "Hur många som besökt länsmuseet Jamtli. Museet visar länets historia och är "
                   "ett av de största besöksmålen i länet.",
    "RJH-KUL-002": "Hur många kulturarrangemang som riktar sig till barn och unga. Alla barn "
                   "har rätt till kultur, oavsett var de bor.",
    "RJH-KUL-003": "Hur stor del av kulturarrangemangen som sker utanför Östersund. Visar om "
                   "kulturen når hela länet.",
    "RJH-KUL-004": "Hur många teaterföreställningar och konserter regionens kulturinstitutioner "
                   "har gett.",
    "RJH-KUL-005": "Hur många skolelever som deltagit i Skapande skola, där konstnärer och "
                   "kulturskapare arbetar tillsammans med eleverna.",
    "RJH-KUL-007": "Hur stor del av kulturstödet som går till projekt som leds av kvinnor. Ska "
                   "ligga mellan 40 och 60 procent, så att stödet fördelas jämställt.",
    "RJH-KUL-008": "Hur många som besökt Härjedalens fjällmuseum i Funäsdalen.",
    "RJH-KUL-009": "Hur många kulturarrangemang som ges på samiska eller har samiskt innehåll. "
                   "Regionen har ett särskilt ansvar för att samisk kultur lever vidare.",
    # --- Folkhögskolor och Torsta ------------------------------------------------------------
    "RJH-FHS-001": "Hur många veckor deltagarna sammanlagt har studerat på folkhögskolan. "
                   "Folkbildningsrådets bidrag beräknas på deltagarveckor, så antalet ska ligga "
                   "inom det planerade intervallet.",
    "RJH-FHS-002": "Hur stor del av deltagarna på allmän kurs som fullföljer sina studier. "
                   "Folkhögskolan är en andra chans för den som inte gått klart gymnasiet.",
    "RJH-FHS-003": "Hur stor del av deltagarna som fått behörighet att söka till högskola. Det "
                   "öppnar vägen till vidare studier.",
    "RJH-FHS-004": "Hur stor del av deltagarna som är nöjda med sin utbildning på "
                   "folkhögskolan.",
    "RJH-FHS-005": "Hur stor del av deltagarna som arbetar eller studerar vidare ett år efter "
                   "kursen. Visar om utbildningen leder någonstans.",
    "RJH-UTB-001": "Hur stor del av eleverna på Torsta naturbruksgymnasium som tar examen inom "
                   "tre år. En gymnasieexamen är viktig för att få arbete.",
    "RJH-UTB-002": "Hur många elever som går på Torsta naturbruksgymnasium, som utbildar för "
                   "jord, skog och djur.",
    # --- Kollektivtrafik ---------------------------------------------------------------------
    "RJH-KT-001": "Hur många gånger resenärer har stigit på en buss i linjetrafiken. Fler "
                  "resor med kollektivtrafik minskar bilåkandet och utsläppen.",
    "RJH-KT-002": "Hur stor del av alla resor med motorfordon i länet som görs med "
                  "kollektivtrafik. Ett långsiktigt mål är att andelen ska öka.",
    "RJH-KT-003": "Hur stor del av resenärerna som är nöjda med sin senaste resa, enligt "
                  "Kollektivtrafikbarometern.",
    "RJH-KT-004": "Hur stor del av bussavgångarna som går i tid. Pålitlig trafik gör det "
                  "möjligt att lita på bussen till jobb och skola.",
    "RJH-KT-005": "Hur stor del av bränslet i bussarna och den upphandlade trafiken som inte är "
                  "fossilt. Visar hur långt omställningen till fossilfri trafik har kommit.",
    "RJH-KT-006": "Hur stor del av kollektivtrafikens kostnader som betalas med skatt i stället "
                  "för med biljetter. En lägre andel betyder att fler resenärer bär kostnaden.",
    "RJH-KT-007": "Vad kollektivtrafiken kostar per gång en resenär stiger på. Visar hur "
                  "effektivt skattepengarna används.",
    "RJH-KT-008": "Hur många resor med färdtjänst och sjukresor som görs. Antalet följer "
                  "behoven och ska ligga inom det planerade intervallet.",
    "RJH-KT-009": "Hur stor del av sjukresorna där flera patienter åker tillsammans. "
                  "Samordning sparar pengar och minskar utsläppen.",
    "RJH-KT-010": "Hur många resor som görs med Norrtåg inom länet. Tåget knyter ihop orterna "
                  "längs Mittbanan och Inlandsbanan.",
    "RJH-KT-011": "Hur stor del av resenärernas frågor och klagomål som besvaras inom två "
                  "arbetsdagar.",
    # --- Stödverksamhet ----------------------------------------------------------------------
    "RJH-STO-001": "Hur stor del av regionens fakturor som betalas i tid. Sena betalningar "
                   "kostar dröjsmålsränta och drabbar leverantörer, ofta små lokala företag.",
    "RJH-STO-002": "Hur stor del av regionens inköp som görs hos de leverantörer regionen har "
                   "avtal med. Inköp utanför avtal blir ofta dyrare och följer inte alltid lagen "
                   "om offentlig upphandling.",
    "RJH-STO-003": "Hur stor del av fakturorna som kommer elektroniskt. E-fakturor är billigare "
                   "och säkrare att hantera än pappersfakturor.",
    "RJH-STO-004": "Hur stor del av tiden som vårdens journalsystem fungerar. Utan journalen "
                   "kan vården inte arbeta säkert.",
    "RJH-STO-006": "Hur stor del av ärendena till IT-supporten som löses direkt vid första "
                   "kontakten, så att personalen snabbt kan återgå till sitt arbete.",
    "RJH-STO-007": "Vad regionens lokaler kostar per kvadratmeter och år. Lokalerna är en stor "
                   "kostnad och ska användas effektivt.",
    "RJH-STO-008": "Hur stor del av lönerna som betalas ut rätt första gången. Felaktiga löner "
                   "skapar oro och extra arbete.",
    "RJH-STO-009": "Hur många dagar det typiskt tar från att en tjänst annonseras till att någon "
                   "är anställd. Snabbare rekrytering minskar behovet av inhyrd personal.",
    "RJH-STO-010": "Hur stor del av maten i regionens restauranger och kök som slängs. Mindre "
                   "matsvinn sparar pengar och miljö.",
    "RJH-STO-011": "Hur stor del av livsmedlen regionen köper som är ekologiska.",
    "RJH-STO-012": "Hur många händelser där information riskerat att hamna fel eller bli "
                   "otillgänglig som har rapporterats. Att incidenter rapporteras är bra, men de "
                   "ska bli färre.",
    "RJH-STO-013": "Hur stor del av felen i regionens byggnader som åtgärdas inom avtalad tid.",
    "RJH-STO-014": "Hur mycket koldioxid regionens anställdas tjänsteresor släpper ut. Fler "
                   "digitala möten och tåg i stället för flyg minskar utsläppen.",
    # --- Ledningsprocesser -------------------------------------------------------------------
    "RJH-LED-001": "Hur stor del av nämndernas mål som bedömts som uppfyllda vid årets slut. "
                   "Revisorerna har påpekat att måluppfyllelsen är låg.",
    "RJH-LED-002": "Hur stor del av de planerade kontrollerna i internkontrollplanen som faktiskt "
                   "har genomförts. Kontrollerna ska upptäcka fel och oegentligheter i tid.",
    "RJH-LED-003": "Hur mycket regionens prognos i delårsrapporten skilde sig från det verkliga "
                   "resultatet vid årets slut, i miljoner kronor. Träffsäkra prognoser behövs för "
                   "att politikerna ska kunna fatta rätt beslut i tid.",
    "RJH-LED-004": "Hur stor del av ärendena till regionstyrelsen som är färdiga i tid enligt "
                   "planen.",
    "RJH-LED-005": "Hur stor del av fullmäktiges uppdrag till nämnderna som har redovisats i "
                   "tid. Visar om besluten genomförs.",
    # --- Patientnämnden ----------------------------------------------------------------------
    "RJH-PN-001": "Hur många klagomål och synpunkter på vården som patienter och närstående har "
                  "lämnat till patientnämnden. Klagomålen är en viktig källa till förbättringar.",
    "RJH-PN-002": "Hur stor del av patientnämndens ärenden som avslutas inom 90 dagar.",
    "RJH-PN-003": "Hur många stödpersoner patientnämnden har utsett till patienter som vårdas "
                  "med tvång. Alla som har rätt till en stödperson ska få det.",
    "RJH-PN-004": "Hur stor del av klagomålen som patientnämnden återkopplat till vården med en "
                  "analys av vad som gick fel, så att vården kan lära av dem.",
}
