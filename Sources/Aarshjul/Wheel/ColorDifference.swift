import Foundation

/// Colour vision, normal or with one of the common dichromacies, for checking that colours
/// people must tell apart stay apart.
public enum ColorVision: String, Sendable, Hashable, CaseIterable {
    /// Normal trichromatic vision.
    case normal
    /// No long-wavelength (red) cones: about 1 % of men.
    case protanopia
    /// No medium-wavelength (green) cones: about 1 % of men; with the milder deuteranomaly the
    /// most common deficiency.
    case deuteranopia
    /// No short-wavelength (blue) cones: rare, and the one that confuses blue with green.
    case tritanopia

    /// How a colour looks with this vision, in linear RGB (0–1): the simulation matrices of
    /// Machado, Oliveira and Fernandes (2009) at full severity, applied to linearised sRGB.
    public func simulate(_ color: RGBColor) -> (red: Double, green: Double, blue: Double) {
        let linear = [color.red, color.green, color.blue].map { ColorDifference.linearize(Double($0) / 255) }
        let matrix: [[Double]]
        switch self {
        case .normal: return (linear[0], linear[1], linear[2])
        case .protanopia:
            matrix = [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
        case .deuteranopia:
            matrix = [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
        case .tritanopia:
            matrix = [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
        }
        let out = matrix.map { row in min(1, max(0, row[0] * linear[0] + row[1] * linear[1] + row[2] * linear[2])) }
        return (out[0], out[1], out[2])
    }
}

/// A colour in CIE L\*a\*b\* (D65 white).
public struct LabColor: Sendable, Hashable {
    /// Lightness, 0–100.
    public var l: Double
    /// Green (−) to red (+).
    public var a: Double
    /// Blue (−) to yellow (+).
    public var b: Double

    /// A colour from its coordinates.
    public init(l: Double, a: Double, b: Double) {
        self.l = l
        self.a = a
        self.b = b
    }

    /// The L\*a\*b\* of a linear-RGB colour (sRGB primaries, D65).
    public init(linearRed red: Double, green: Double, blue: Double) {
        let x = (0.4124564 * red + 0.3575761 * green + 0.1804375 * blue) / 0.95047
        let y = 0.2126729 * red + 0.7151522 * green + 0.0721750 * blue
        let z = (0.0193339 * red + 0.1191920 * green + 0.9503041 * blue) / 1.08883
        func f(_ t: Double) -> Double { t > 216.0 / 24_389 ? Foundation.cbrt(t) : (24_389.0 / 27 * t + 16) / 116 }
        self.init(l: 116 * f(y) - 16, a: 500 * (f(x) - f(y)), b: 200 * (f(y) - f(z)))
    }

    /// How `color` looks with `vision`, in L\*a\*b\*.
    public init(_ color: RGBColor, seenWith vision: ColorVision = .normal) {
        let seen = vision.simulate(color)
        self.init(linearRed: seen.red, green: seen.green, blue: seen.blue)
    }
}

/// How far apart two colours look: CIEDE2000, and its worst case over the visions of
/// ``ColorVision``.
///
/// ```swift
/// let close = ColorDifference.worstCase(RGBColor(hex: "#0067B1")!, RGBColor(hex: "#00509E")!)
/// // (difference: 6.6, vision: .deuteranopia): below ``tooClose``
/// ```
public enum ColorDifference {
    /// Below this CIEDE2000 difference (for any vision) two colours of the wheel are reported as
    /// too close: two shades of one blue (about 6.6 with deuteranopia, 8.3 with normal vision)
    /// fall below it; clearly different hues stay far above it.
    public static let tooClose = 8.0
    /// ``tooClose`` as the warnings write it.
    static let tooCloseText = String(format: "%.0f", tooClose)

    /// The sRGB transfer function inverted: a component 0–1 to linear light.
    public static func linearize(_ value: Double) -> Double {
        value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
    }

    /// CIEDE2000 (Sharma, Wu and Dalal 2005), with kL = kC = kH = 1.
    public static func ciede2000(_ first: LabColor, _ second: LabColor) -> Double {
        func radians(_ degrees: Double) -> Double { degrees * .pi / 180 }
        func degrees(_ radians: Double) -> Double { radians * 180 / .pi }
        let pow25to7 = 6_103_515_625.0
        let c1 = hypot(first.a, first.b), c2 = hypot(second.a, second.b)
        let meanC = (c1 + c2) / 2
        let g = 0.5 * (1 - sqrt(pow(meanC, 7) / (pow(meanC, 7) + pow25to7)))
        let a1 = (1 + g) * first.a, a2 = (1 + g) * second.a
        let c1p = hypot(a1, first.b), c2p = hypot(a2, second.b)
        func hue(_ a: Double, _ b: Double) -> Double {
            guard a != 0 || b != 0 else { return 0 }
            let h = degrees(atan2(b, a))
            return h < 0 ? h + 360 : h
        }
        let h1 = hue(a1, first.b), h2 = hue(a2, second.b)
        let deltaL = second.l - first.l
        let deltaC = c2p - c1p
        var deltaH = 0.0
        if c1p * c2p != 0 {
            deltaH = h2 - h1
            if deltaH > 180 { deltaH -= 360 } else if deltaH < -180 { deltaH += 360 }
        }
        let deltaBigH = 2 * sqrt(c1p * c2p) * sin(radians(deltaH / 2))
        let meanL = (first.l + second.l) / 2
        let meanCp = (c1p + c2p) / 2
        let meanH: Double
        if c1p * c2p == 0 {
            meanH = h1 + h2
        } else if abs(h1 - h2) <= 180 {
            meanH = (h1 + h2) / 2
        } else {
            meanH = h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2
        }
        let t = 1 - 0.17 * cos(radians(meanH - 30)) + 0.24 * cos(radians(2 * meanH))
            + 0.32 * cos(radians(3 * meanH + 6)) - 0.20 * cos(radians(4 * meanH - 63))
        let deltaTheta = 30 * exp(-pow((meanH - 275) / 25, 2))
        let rC = 2 * sqrt(pow(meanCp, 7) / (pow(meanCp, 7) + pow25to7))
        let sL = 1 + 0.015 * pow(meanL - 50, 2) / sqrt(20 + pow(meanL - 50, 2))
        let sC = 1 + 0.045 * meanCp
        let sH = 1 + 0.015 * meanCp * t
        let rT = -sin(radians(2 * deltaTheta)) * rC
        let l = deltaL / sL, c = deltaC / sC, h = deltaBigH / sH
        return sqrt(l * l + c * c + h * h + rT * c * h)
    }

    /// The smallest CIEDE2000 difference between two colours over every ``ColorVision``, and
    /// the vision it is smallest for.
    public static func worstCase(_ first: RGBColor, _ second: RGBColor) -> (difference: Double, vision: ColorVision) {
        var worst = (difference: Double.infinity, vision: ColorVision.normal)
        for vision in ColorVision.allCases {
            let difference = ciede2000(LabColor(first, seenWith: vision), LabColor(second, seenWith: vision))
            if difference < worst.difference { worst = (difference, vision) }
        }
        return worst
    }
}

/// Two sources whose colours on the wheel are too close to tell apart
/// (``ColorDifference/tooClose``), for everyone or with a colour-vision deficiency.
public struct WheelColorWarning: Sendable, Hashable, CustomStringConvertible {
    /// The first source's name and colour.
    public var first: (name: String, color: String) { (firstName, firstColor) }
    /// The second source's name and colour.
    public var second: (name: String, color: String) { (secondName, secondColor) }
    /// The smallest CIEDE2000 difference over the visions.
    public var difference: Double
    /// The vision the difference is smallest for.
    public var vision: ColorVision

    private var firstName: String, firstColor: String, secondName: String, secondColor: String

    /// A warning about two sources' colours.
    public init(first: (name: String, color: String), second: (name: String, color: String), difference: Double, vision: ColorVision) {
        (firstName, firstColor, secondName, secondColor) = (first.name, first.color, second.name, second.color)
        self.difference = difference
        self.vision = vision
    }

    /// `the colours of A (#…) and B (#…) are hard to tell apart (CIEDE2000 6.6 with deuteranopia); …`
    public var description: String {
        let seen = vision == .normal ? "" : " with \(vision.rawValue)"
        let shown = String(format: "%.1f", difference)
        return "the colours of \(firstName) (\(firstColor)) and \(secondName) (\(secondColor)) are hard to tell apart "
            + "(CIEDE2000 \(shown)\(seen), below \(String(format: "%.0f", ColorDifference.tooClose))); give one of them another colour"
    }

    /// The warning for the wheel page, in the language of `words`.
    func text(_ words: WheelMessages) -> String {
        let shown = String(format: "%.1f", difference)
        let measure = vision == .normal ? shown : words.withVision(shown, vision.rawValue)
        return words.colourWarning("\(firstName) (\(firstColor))", "\(secondName) (\(secondColor))", measure)
    }
}
