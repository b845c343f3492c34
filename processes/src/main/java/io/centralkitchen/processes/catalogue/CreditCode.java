package io.centralkitchen.processes.catalogue;

import java.util.regex.Pattern;

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character alphabet, the
 * last one a check character. Checking it catches most typing errors before a reviewer compares it with the licence.
 */
public final class CreditCode {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final Pattern SHAPE = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{18}");

    private CreditCode() {
    }

    public static boolean isValid(String code) {
        if (code == null || !SHAPE.matcher(code).matches()) {
            return false;
        }
        return code.charAt(17) == checkCharacter(code.substring(0, 17));
    }

    /** The check character for the first 17 characters of a code. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = ALPHABET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("'" + first17.charAt(i) + "' is not allowed in a credit code");
            }
            sum += value * WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return ALPHABET.charAt(check);
    }
}
