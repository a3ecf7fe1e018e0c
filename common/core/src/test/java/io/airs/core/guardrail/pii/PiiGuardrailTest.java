package io.airs.core.guardrail.pii;

import static org.assertj.core.api.Assertions.assertThat;

import io.airs.core.Category;
import io.airs.core.Finding;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiGuardrailTest {

    private final PiiGuardrail guardrail = new PiiGuardrail();

    /** The findings the default policy acts on (its {@code pii} threshold is 0.6). */
    private List<Finding> scan(String text) {
        List<Finding> out = new ArrayList<>();
        guardrail.scan(text, out);
        out.removeIf(f -> f.score() < 0.6);
        return out;
    }

    /** Asserts exactly one finding of {@code type} whose span is exactly {@code value}. */
    private void assertFindsExactly(String text, String value, String type) {
        List<Finding> found = scan(text);
        int start = text.indexOf(value);
        assertThat(found).as("findings in a text with a %s", type).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(type);
            assertThat(f.start()).isEqualTo(start);
            assertThat(f.end()).isEqualTo(start + value.length());
            assertThat(f.category()).isEqualTo(Category.PII);
            assertThat(f.detector()).isEqualTo("pii");
        });
    }

    private void assertNoneOfType(String text, String... types) {
        assertThat(scan(text)).extracting(Finding::type).doesNotContain(types);
    }

    private static String changeLastDigit(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (Character.isDigit(c)) {
                return s.substring(0, i) + (char) ('0' + (c - '0' + 1) % 10) + s.substring(i + 1);
            }
        }
        throw new IllegalArgumentException("no digit");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "4111111111111111", // Visa
                "4222222222222", // Visa 13
                "5555555555554444", // Mastercard
                "2223003122003222", // Mastercard 2-series
                "378282246310005", // Amex
                "3782 822463 10005", // Amex grouped
                "6011111111111117", // Discover
                "6011-1111-1111-1117",
                "3530111333300000", // JCB
                "30569309025904", // Diners
                "6200000000000005", // UnionPay
                "6759649826438453", // Maestro
                "2200000000000004", // Mir
                "4111 1111 1111 1111"
            })
    void flagsPaymentCardsOfEveryBrandThatPassLuhn(String card) {
        assertFindsExactly("Please charge " + card + " today.", card, "CREDIT_CARD");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"4111111111111111", "5555555555554444", "378282246310005", "6011111111111117", "3530111333300000"
            })
    void doesNotFlagTheSameDigitsWhenLuhnFails(String card) {
        assertNoneOfType("Please charge " + changeLastDigit(card) + " today.", "CREDIT_CARD");
    }

    @Test
    void acceptsOffRangeIssuerOnlyWhenACardIsNamed() {
        // Luhn-valid but outside the published issuer ranges.
        String digits = "5874285616540002";
        String valid = digits.substring(0, 15) + luhnDigit(digits.substring(0, 15));
        assertFindsExactly("my credit card " + valid + " was declined", valid, "CREDIT_CARD");
        assertNoneOfType("shipment reference " + valid + " arrived", "CREDIT_CARD");
    }

    private static char luhnDigit(String body) {
        for (char d = '0'; d <= '9'; d++) {
            String s = body + d;
            int sum = 0;
            boolean dbl = false;
            for (int i = s.length() - 1; i >= 0; i--) {
                int v = s.charAt(i) - '0';
                if (dbl) {
                    v = v * 2 > 9 ? v * 2 - 9 : v * 2;
                }
                sum += v;
                dbl = !dbl;
            }
            if (sum % 10 == 0) {
                return d;
            }
        }
        throw new IllegalStateException();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "GB82WEST12345698765432",
                "GB82 WEST 1234 5698 7654 32",
                "DE89370400440532013000",
                "DE89 3704 0044 0532 0130 00",
                "FR1420041010050500013M02606",
                "NL91ABNA0417164300",
                "ES9121000418450200051332",
                "IT60X0542811101000000123456",
                "BE68539007547034",
                "CH9300762011623852957",
                "NO9386011117947",
                "PL61109010140000071219812874",
                "AT611904300234573201",
                "gb82west12345698765432"
            })
    void flagsIbansOfSeveralCountriesWithOrWithoutSpaces(String iban) {
        assertFindsExactly("Wire it to " + iban + " please", iban, "IBAN_CODE");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"GB82WEST12345698765432", "DE89370400440532013000", "NL91ABNA0417164300", "BE68539007547034"})
    void doesNotFlagAnIbanWithOneDigitChanged(String iban) {
        assertNoneOfType("Wire it to " + changeLastDigit(iban) + " please", "IBAN_CODE");
    }

    @Test
    void findsNamesThatStartWithAKnownFirstName() {
        assertFindsExactly("Please send the contract to Anna Schmidt tomorrow.", "Anna Schmidt", "PERSON");
        assertFindsExactly("Thaddeus had called earlier.", "Thaddeus", "PERSON");
        assertFindsExactly("Ask Jakob about the invoice.", "Jakob", "PERSON");
    }

    @Test
    void doesNotTakeEverydayWordsForNames() {
        assertNoneOfType("Will you come to the party?", "PERSON");
        assertNoneOfType("Don't forget the milk.", "PERSON");
        assertNoneOfType("Job descriptions should be short.", "PERSON");
        assertNoneOfType("The meeting moved to September.", "PERSON");
        assertNoneOfType("Chip Cookies are on sale.", "PERSON");
        assertFindsExactly("Dear Will Hunter, thanks for the call.", "Will Hunter", "PERSON");
        assertNoneOfType("the lowercase word anna is no name here", "PERSON");
    }

    @Test
    void findsPlacesThatLocateSomeoneAndLeavesPlacesNamedInPassing() {
        assertFindsExactly("I am bruneian but I live in Austria.", "Austria", "LOCATION");
        assertFindsExactly("Standard And Poors is a design agency based in GUÉRET.", "GUÉRET", "LOCATION");
        assertNoneOfType("What is the capital of Austria?", "LOCATION");
        assertFindsExactly("I will be travelling to Canada next week, so I need a visa.", "Canada", "LOCATION");
        // Where someone is right now is said to travel guides all day: "I am in Istanbul" stays.
        assertNoneOfType("I am in Istanbul and want to see the old town.", "LOCATION");
        assertFindsExactly("When: 2000-04-16\nWhere: Upton Scudamore\n", "Upton Scudamore", "LOCATION");
    }

    @Test
    void findsTheTownAndCountryLinesOfAPostalAddress() {
        List<Finding> found = scan("Leonard Arntsen\n\n353 Buerlia 227\n Apt. 391\n SANDEFJORD\n Norway 66455");
        assertThat(found)
                .filteredOn(f -> f.type().equals("LOCATION"))
                .extracting(f -> "Leonard Arntsen\n\n353 Buerlia 227\n Apt. 391\n SANDEFJORD\n Norway 66455"
                        .substring(f.start(), f.end()))
                .contains("Norway", "SANDEFJORD");
        assertThat(found).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo("ADDRESS");
            assertThat(f.start()).isEqualTo(63); // the postcode
        });
    }

    @Test
    void findsEmployersAfterACueOrByTheirLegalForm() {
        assertFindsExactly(
                "I used to work for Boston Consulting Group as a clerk.", "Boston Consulting Group", "ORGANIZATION");
        assertFindsExactly("Favian Rangel from Drake PLC is the keynote speaker", "Drake PLC", "ORGANIZATION");
        assertFindsExactly(
                "He works at Hawkins, Richardson and Santana now.", "Hawkins, Richardson and Santana", "ORGANIZATION");
        assertFindsExactly("Valida spent a year at Mhealthcoach as an assistant.", "Mhealthcoach", "ORGANIZATION");
        assertNoneOfType("The Company announced a new product.", "ORGANIZATION");
        assertNoneOfType("Such As These are fine.", "ORGANIZATION");
    }

    @Test
    void readsTheAddresseeAndOrganisationAboveAStreetAddressLine() {
        String card = "Dear team,\nJulcsa Kárpáthy\nMhealthcoach\n50668 Kiannonkatu 98\nHelsinki";
        assertFindsExactly(card, "Julcsa Kárpáthy", "PERSON");
        assertFindsExactly(card, "Mhealthcoach", "ORGANIZATION");
        assertFindsExactly("Ship to:\nLena Wirth\n12 Fagradalsbraut 71\nPisão", "Lena Wirth", "PERSON");
        assertNoneOfType("Contact Us\n24 Clarke Avenue\nDublin", "PERSON", "ORGANIZATION");
        assertNoneOfType("See the notes below.\n24 Clarke Avenue", "PERSON", "ORGANIZATION");
    }

    @Test
    void readsTheOrganisationAPersonIsIntroducedWith() {
        assertFindsExactly("Zoe Young from Flightaware is the keynote speaker", "Flightaware", "ORGANIZATION");
        assertFindsExactly("We spoke with Jane Smith of Acme Robotics yesterday.", "Acme Robotics", "ORGANIZATION");
        assertNoneOfType("Zoe Young from France is the keynote speaker", "ORGANIZATION");
        // Without a person it introduces, the tagger still reads a company's name after "from".
        assertFindsExactly("The keynote is from Flightaware.", "Flightaware", "ORGANIZATION");
        assertFindsExactly("Panelists included Panjiva's Kristen Rocher and others.", "Panjiva", "ORGANIZATION");
        assertFindsExactly("We invited Consumer Reports's Jane Smith.", "Consumer Reports", "ORGANIZATION");
        assertNoneOfType("Today's Jane Smith is tomorrow's hero.", "ORGANIZATION");
    }

    @Test
    void aHouseNumberBeforeAStreetJoinsTheAddress() {
        assertFindsExactly("his address: 6138 Via Roma 131", "6138 Via Roma 131", "ADDRESS");
    }

    @Test
    void findsPostcodesThatAreAnnouncedAsSuch() {
        assertFindsExactly("My zip code is 76400", "76400", "ADDRESS");
        assertFindsExactly("ZIP: 48750", "48750", "ADDRESS");
        assertFindsExactly("Postal code: 840 24, Sweden", "840 24", "ADDRESS");
        assertFindsExactly("zipcode 12345-6789 please", "12345-6789", "ADDRESS");
        assertNoneOfType("We zipped 76400 files.", "ADDRESS");
        assertNoneOfType("The code is 76400", "ADDRESS");
        assertNoneOfType("ZIP: 12", "ADDRESS");
    }

    @Test
    void findsAgesFromTheirWording() {
        assertFindsExactly("He just turned 69 years old", "69", "AGE");
        assertFindsExactly("My father retired at the age of 61", "61", "AGE");
        assertFindsExactly("Mr. Nekrasov is a 22 year old man.", "22", "AGE");
        assertNoneOfType("We sold 22 boxes of apples.", "AGE");
        assertNoneOfType("Version 1970 of the report", "AGE");
    }

    @Test
    void doesNotFlagAnIbanOfTheWrongLengthForItsCountry() {
        assertNoneOfType("Wire it to DE8937040044053201300 please", "IBAN_CODE");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"123-45-6788", "536-90-4399", "001-01-0001", "772-99-1234"})
    void flagsDashedSsnsThatFollowTheAllocationRules(String ssn) {
        assertFindsExactly("SSN on file: " + ssn + ".", ssn, "US_SSN");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"000-12-3456", "666-12-3456", "912-12-3456", "123-00-4567", "123-45-0000", "078-05-1120"})
    void rejectsSsnsWithForbiddenAreaGroupOrSerial(String ssn) {
        assertNoneOfType("SSN on file: " + ssn + ".", "US_SSN");
    }

    @Test
    void flagsUndashedSsnOnlyNearSocialSecurityWords() {
        assertFindsExactly("my social security number is 536904399", "536904399", "US_SSN");
        assertNoneOfType("tracking 536904399 shipped", "US_SSN");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "+1 415 555 2671",
                "+1-415-555-2671",
                "(415) 555-2671",
                "415-555-2671",
                "415.555.2671",
                "+44 20 7946 0958",
                "+44 (0)20 7946 0958",
                "020 7946 0958",
                "+49 30 901820",
                "+33 1 42 68 53 00",
                "06 12 34 56 78",
                "+81 3-1234-5678",
                "+91 98765 43210",
                "0412 345 678",
                "+61 2 9374 4000",
                "415-555-2671 x204",
                "+4915112345678"
            })
    void flagsPhoneNumbersInNationalAndInternationalFormats(String phone) {
        assertFindsExactly("You can reach the office on " + phone + " during the day.", phone, "PHONE_NUMBER");
        assertFindsExactly("Details: " + phone, phone, "PHONE_NUMBER");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"555 0199", "467 3395", "78 651 450", "9472 7916"})
    void flagsShortLocalNumbersOnlyWithAPhoneCue(String phone) {
        assertFindsExactly("Call me on " + phone, phone, "PHONE_NUMBER");
        assertFindsExactly("Mobile: " + phone, phone, "PHONE_NUMBER");
        assertNoneOfType("The crowd grew to " + phone + " people", "PHONE_NUMBER");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "Upgrade to version 10.0.19041.1234 first.",
                "Release 1.2.3 fixed it; 2.10.15 broke it.",
                "The total was $1,234,567.89 last year.",
                "It costs 1 299 EUR or 1299.00 USD.",
                "Order #123456789 shipped on Monday.",
                "ISBN 978-3-16-148410-0 is out of print.",
                "ISBN-13: 9783161484100",
                "Meeting from 12:30 to 14:45 in room 1204.",
                "In 2023 we sold 15000 units across 37 stores.",
                "Pi is 3.14159265358979 and e is 2.718281828.",
                "Coordinates 48.8584, 2.2945 mark the tower.",
                "Invoice 2023-000123 is due.",
                "The population is 8 336 817 according to the census.",
                "Part number 400-1234-5678 is on back order.",
                "Scores: 10 20 30 40 50 60.",
                "Use sha 9f86d081884c7d659a2feaa0c55ad015 to verify.",
                "Temperatures ranged from -12.5 to 38.2 degrees.",
                "Ticket 12345678 was closed."
            })
    void doesNotMistakeVersionsPricesOrdersOrIsbnsForPhonesOrCards(String text) {
        assertNoneOfType(text, "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'Write to jane.doe+news@example.co.uk today', jane.doe+news@example.co.uk",
        "'Contact: <ops_team@mail.example.org>', ops_team@mail.example.org",
        "'UtaK@jourrapide.com?', UtaK@jourrapide.com",
        "'Mail o'brien@example.ie now', o'brien@example.ie"
    })
    void flagsEmailAddressesWithExactSpans(String text, String email) {
        assertFindsExactly(text, email, "EMAIL_ADDRESS");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"user@localhost", "@handle on social", "a@b", "git@github", "name@domain.c", "x @ y.com"})
    void doesNotFlagThingsThatAreNotEmailAddresses(String text) {
        assertNoneOfType("See " + text + " please.", "EMAIL_ADDRESS");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"192.168.1.20", "8.8.8.8", "255.255.255.0", "10.0.0.1"})
    void flagsIpv4AddressesWithValidOctets(String ip) {
        assertFindsExactly("Blocked address " + ip + " at the gateway.", ip, "IP_ADDRESS");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"256.1.1.1", "1.2.3.4.5", "192.168.01.1", "1.2.3"})
    void rejectsIpv4WithBadOctetsOrTooManyParts(String ip) {
        assertNoneOfType("Blocked address " + ip + " at the gateway.", "IP_ADDRESS");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
                "2001:db8::8a2e:370:7334",
                "fe80::1ff:fe23:4567:890a",
                "6e40:4041:c617:e898:c11:40d2:c669:2eb4"
            })
    void flagsIpv6AddressesIncludingCompressedForms(String ip) {
        assertFindsExactly("Client " + ip + " connected.", ip, "IP_ADDRESS");
    }

    @Test
    void flagsIpv6WithEmbeddedIpv4Tail() {
        assertFindsExactly("Client 64:ff9b::192.0.2.33 connected.", "64:ff9b::192.0.2.33", "IP_ADDRESS");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"12:30:45", "std::vector", "a::b", "1:2:3:4"})
    void doesNotMistakeTimesOrCodeForIpv6(String text) {
        assertNoneOfType("At " + text + " it ran.", "IP_ADDRESS");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"00:1A:2b:3C:4d:5E", "00-1A-2B-3C-4D-5E", "001a.2b3c.4d5e"})
    void flagsMacAddresses(String mac) {
        assertFindsExactly("The NIC " + mac + " is up.", mac, "MAC_ADDRESS");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'Date: 2000-04-16 11:34:35', 2000-04-16 11:34:35, DATE_TIME",
        "'Signed on 12/1/1981 in Paris', 12/1/1981, DATE_TIME",
        "'Meeting on March 5, 2024 at noon', 'March 5, 2024', DATE_TIME",
        "'She was born on 5 March 1990.', 5 March 1990, DATE_OF_BIRTH",
        "'DOB: 1985-11-18', 1985-11-18, DATE_OF_BIRTH",
        "'Date of birth 24.06.1991', 24.06.1991, DATE_OF_BIRTH"
    })
    void flagsDatesAndDatesOfBirth(String text, String date, String type) {
        assertFindsExactly(text, date, type);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'Visit https://www.example.com/path?q=1.', https://www.example.com/path?q=1",
        "'See (http://example.org/a_(b)) here', http://example.org/a_(b)",
        "'Go to www.example.se now', www.example.se"
    })
    void flagsUrlsWithoutTrailingPunctuation(String text, String url) {
        assertFindsExactly(text, url, "URL");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'my driver''s license number is F162823540116', F162823540116, US_DRIVER_LICENSE",
        "'Driver license: 2270-66-1551', 2270-66-1551, US_DRIVER_LICENSE",
        "'Passport number: 502135326 issued 2019', 502135326, PASSPORT"
    })
    void flagsLicenceAndPassportNumbersNearTheirNames(String text, String value, String type) {
        assertFindsExactly(text, value, type);
    }

    @Test
    void doesNotFlagLicenceLikeNumbersWithoutAContextWord() {
        assertNoneOfType("Reference F162823540116 attached", "US_DRIVER_LICENSE", "PASSPORT");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"AB123456C", "AB 12 34 56 C", "JG103759A"})
    void flagsUkNationalInsuranceNumbers(String nino) {
        assertFindsExactly("NI number " + nino + " on the payslip", nino, "UK_NINO");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GB123456A", "DA123456A", "AB123456E", "QQ123456C"})
    void rejectsNinosWithInvalidPrefixOrSuffix(String nino) {
        assertNoneOfType("NI number " + nino + " on the payslip", "UK_NINO");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
                "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
                "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
                "0x52908400098527886E0F7030069857D2E4169EE7"
            })
    void flagsCryptoWalletsWithValidChecksums(String wallet) {
        assertFindsExactly("Send to " + wallet + " now", wallet, "CRYPTO");
    }

    @Test
    void rejectsBitcoinAddressWithBrokenChecksum() {
        assertNoneOfType("Send to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb now", "CRYPTO");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'Ship it to 1668 Glyn St, Apt. 5 tomorrow', '1668 Glyn St, Apt. 5'",
        "'I live at 24 Clarke Avenue.', 24 Clarke Avenue",
        "'Office: Villacher Strasse 89, Wien', Villacher Strasse 89",
        "'Rua do Arenque 1634 is closed', Rua do Arenque 1634",
        "'Send mail to P.O. Box 242 in town', P.O. Box 242",
        "'PSC 3294, Box 9168', 'PSC 3294, Box 9168'"
    })
    void flagsStreetAddressesFromTheirStructure(String text, String address) {
        assertFindsExactly(text, address, "ADDRESS");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'Hello, my name is Ada Lovelace.', Ada Lovelace",
        "'Please ask Dr. Grace Hopper', Dr. Grace Hopper",
        "'Name: Toshimi Arata', Toshimi Arata",
        "'My great grandfather was called Djevad Šušulić, and', Djevad Šušulić",
        "'a cousin named Linneo Medrano', Linneo Medrano",
        "'What is the name on the account? User: Vilma Holm', Vilma Holm",
        "'And your last name? Langrová', Langrová",
        "'a film directed by Philip Latourelle', Philip Latourelle",
        "'everyone calls me Tómas', Tómas"
    })
    void flagsPersonNamesAfterAnIntroductionOrTitle(String text, String name) {
        assertFindsExactly(text, name, "PERSON");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "We walked 5 miles down the road.",
                "Chapter 12 Street Fighting covers it.",
                "my name is not important",
                "The 3 Musketeers ran the Street Fair",
                "What name should the file have? anything works",
                "Is this the name of the variable?",
                "the function is called twice",
                "The report was written by Finance last week.",
                "Signed by hand, delivered by Post"
            })
    void doesNotInventAddressesOrNamesInOrdinaryProse(String text) {
        assertNoneOfType(text, "ADDRESS", "PERSON");
    }

    @Test
    void reportsOnlyEnabledTypes() {
        PiiGuardrail onlyEmail = new PiiGuardrail(PiiConfig.builder()
                .only(EnumSet.of(PiiEntityType.EMAIL_ADDRESS))
                .build());
        List<Finding> out = new ArrayList<>();
        onlyEmail.scan("mail a@example.com or call +1 415 555 2671", out);
        assertThat(out).extracting(Finding::type).containsExactly("EMAIL_ADDRESS");
    }

    @Test
    void minScoreDropsLowConfidenceTypes() {
        PiiGuardrail strict = new PiiGuardrail(PiiConfig.builder().minScore(0.8).build());
        List<Finding> out = new ArrayList<>();
        strict.scan("see https://example.com and 4111111111111111", out);
        assertThat(out).extracting(Finding::type).containsExactly("CREDIT_CARD");
    }

    @Test
    void reportsOffsetsInUtf16AfterSupplementaryCharacters() {
        String text = "\uD83D\uDE00\uD83D\uDE00 mail a@example.com";
        assertFindsExactly(text, "a@example.com", "EMAIL_ADDRESS");
    }

    @Test
    void hasStableId() {
        assertThat(guardrail.id()).isEqualTo("pii");
    }
}
