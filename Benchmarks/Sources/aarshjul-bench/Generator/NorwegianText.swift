/// Word lists for a Norwegian municipal and board calendar (bystyret, formannskapet, styremøte,
/// saksfrist…), so the text has the length and the æøå of the real feeds.
enum NorwegianText {
    static let councils = [
        "bystyret", "formannskapet", "kontrollutvalget", "planutvalget", "eldrerådet", "ungdomsrådet",
        "klima- og miljøutvalget", "oppvekst- og utdanningskomiteen", "helse- og velferdskomiteen",
        "rådet for personer med funksjonsnedsettelse", "arbeidsmiljøutvalget", "partssammensatt utvalg",
        "kommunestyret i Ørland", "fylkestinget i Trøndelag", "havnestyret",
    ]

    static let boards = [
        "Trondheim Havn IKS", "Studentsamskipnaden i Gjøvik, Ålesund og Trondheim", "Tromsø Idrettslag",
        "Ålesund Kunstforening", "Bodø Næringsforum", "Sørlandets Kunnskapspark", "Trøndelag Teater AS",
        "Kystverket Midt-Norge", "Bergen Næringsråd", "Lillestrøm Sportsklubb", "Grünerløkka Vel",
        "Borettslaget Øvre Ålsund", "NTNU Samfunnsforskning AS", "Sæterbakken barnehage SA",
    ]

    static let topics = [
        "høringsuttalelse om områderegulering for Østre Havn", "budsjett 2026 og økonomiplan 2026–2029",
        "søknad om skjønnsmidler", "revidert nasjonalbudsjett", "kommunedelplan for sykkel",
        "ny skolestruktur i Ørland", "vedtekter for de kommunale barnehagene", "tilstandsrapport for grunnskolen",
        "søknad om kulturmidler", "årsregnskap og årsberetning", "reguleringsplan for Brattørkaia",
        "trafikksikkerhetsplan for Sjøgata og Grønnegata", "tertialrapport og finansforvaltning",
        "salg av tomt på Lade", "interpellasjon om gang- og sykkelvei til Kvål", "eierskapsmelding",
    ]

    static let places = [
        "Rådhuset, bystyresalen", "Formannskapssalen", "Møterom Ørnen, 3. etasje", "Kulturhuset, sal 2",
        "Ålesund bibliotek", "Teams", "Nyhavna", "Granåsen skisenter", "Sjøgata 12, Bodø", "Værnes kulturhus",
        "Bjørkelangen skole, gymsalen", "Gløshaugen, Realfagbygget R9", "Tromsø rådhus, Kommunestyresalen",
        "Sæther gård, låven", "Øvre Årdal samfunnshus",
    ]

    static let parties = [
        "Arbeiderpartiet", "Høyre", "Senterpartiet", "Sosialistisk Venstreparti", "Miljøpartiet De Grønne",
        "Fremskrittspartiet", "Kristelig Folkeparti", "Rødt", "Venstre", "Pensjonistpartiet",
    ]

    static let people = [
        "Kari Nordmann", "Ola Nordmann", "Åse Bjørnstad", "Øystein Ærø", "Håkon Sæther", "Marit Løvås",
        "Jørgen Åkre", "Siri Grønli", "Bjørn Mæhlum", "Ingrid Østerås", "Tor-Åge Hølaas", "Solveig Brænd",
        "Ragnhild Kjærnes", "Even Strøm", "Astrid Lærum", "Nils Ødegård",
    ]

    static let units = [
        "byplankontoret", "kommunedirektørens stab", "Enhet for kultur og næring", "helse og velferd",
        "skole- og barnehagekontoret", "eiendomsforvaltningen", "IT-avdelingen", "økonomitjenesten",
    ]

    static let sentences = [
        "Saksdokumentene publiseres i eInnsyn senest én uke før møtet.",
        "Møtet er åpent for publikum, men enkelte saker kan bli behandlet for lukkede dører etter kommuneloven § 11-5.",
        "Innkalling, saksliste og protokoll fra forrige møte ligger vedlagt.",
        "Forfall meldes til politisk sekretariat så snart som mulig, slik at vararepresentant kan kalles inn.",
        "Saker som skal behandles i bystyret, må være ferdig utredet innen saksfristen.",
        "Det blir servert kaffe, te og smørbrød i pausen.",
        "Husk å lese høringsuttalelsene fra Statsforvalteren og fylkeskommunen før møtet.",
        "Befaringen starter ved hovedinngangen; ta med godt fottøy og regntøy.",
        "Lenke til Teams-møtet sendes ut dagen før til dem som ikke kan møte fysisk.",
        "Formannskapet innstiller overfor bystyret i saker om økonomiplan, budsjett og skattevedtak.",
        "Styremøtet behandler årsregnskap, årsberetning og revisors beretning.",
        "Sakspapirene er unntatt offentlighet etter offentleglova § 13, jf. forvaltningsloven § 13.",
        "Eventuelle spørsmål kan rettes til sekretariatet på telefon 73 54 00 00.",
        "Møtegodtgjørelse registreres i lønnssystemet innen den 5. i påfølgende måned.",
        "Ordføreren åpner møtet og orienterer om status i arbeidet med ny kommuneplan.",
        "Gruppemøtene holdes i egne rom fra kl. 09.00; bystyresalen åpner kl. 09.45.",
        "Vedlegg: saksframlegg (PDF, 2,4 MB), kart over planområdet og merknadsskjema.",
        "Pressen får ordet etter møtet; kontaktperson er kommunikasjonsrådgiver Åse Bjørnstad.",
    ]
}
