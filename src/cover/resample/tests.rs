use super::weights::box_axis;
use super::*;

#[test]
fn mapped_rows_resize_as_a_mapped_copy_does() {
    let (w, h) = (23u32, 17u32);
    let rgb: Vec<u8> = (0..w * h * 3).map(|i| (i * 37 % 251) as u8).collect();
    let first = |row: &[u8], out: &mut Vec<u8>| {
        out.extend(row.chunks_exact(3).map(|p| p[0] / 2 + p[2] / 3))
    };
    let mut gray = Vec::new();
    first(&rgb, &mut gray);
    let rgb_view = View {
        data: &rgb,
        stride: w as usize * 3,
        channels: 3,
        x: 2,
        y: 3,
        width: 15,
        height: 11,
    };
    let gray_view = View {
        data: &gray,
        stride: w as usize,
        channels: 1,
        ..rgb_view
    };
    for (tw, th) in [(15, 11), (7, 5), (30, 4), (15, 20), (1, 1)] {
        assert_eq!(
            resize_mapped(&rgb_view, tw, th, first),
            resize(&gray_view, tw, th),
            "{tw}×{th}"
        );
    }
}

fn view(data: &[u8], w: u32, h: u32, channels: usize) -> View<'_> {
    View {
        data,
        stride: w as usize * channels,
        channels,
        x: 0,
        y: 0,
        width: w,
        height: h,
    }
}

#[test]
fn halves_on_two_cores_are_the_bytes_of_one_pass() {
    let on = |threads: usize, f: &(dyn Fn() -> Vec<u8> + Sync)| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(f)
    };
    let (w, h) = (601u32, 437u32);
    let rgb: Vec<u8> = (0..w * h * 3).map(|i| (i * 37 % 251) as u8).collect();
    let gray: Vec<u8> = (0..w * h).map(|i| (i * 13 % 247) as u8).collect();
    // Enlarged past the split size (the across rows of the first, the
    // output rows of every one); an odd number of rows each.
    for (data, channels, tw, th) in [
        (&rgb, 3, 877, 641),
        (&gray, 1, 1901, 1403),
        (&rgb, 3, 601, 1211),
    ] {
        let v = view(data, w, h, channels);
        let one = on(1, &|| resize(&v, tw, th));
        assert!(tw as usize * th as usize * channels >= SPLIT_BYTES);
        assert_eq!(on(2, &|| resize(&v, tw, th)), one, "{channels} × {tw}×{th}");
    }
}

#[test]
fn rows_add_in_blocks_as_one_at_a_time() {
    // 8 to 8 pixels is blocks only; 21 leaves 5 past the last block; 3 has no block.
    for len in [8usize, 21, 3] {
        let r0: Vec<u8> = (0..len).map(|i| (i * 97 % 256) as u8).collect();
        let r1: Vec<u8> = (0..len).map(|i| (255 - i * 31 % 256) as u8).collect();
        let (w0, w1): (Weight, Weight) = (-1234, 17_000);
        let mut acc = vec![ONE / 2; len];
        add_rows(&mut acc, (&r0, &r1), (w0, w1));
        // The loop as compiled for any x86-64 (AVX2 or not, add_rows took one).
        let mut plain = vec![ONE / 2; len];
        add_rows_in(&mut plain, (&r0, &r1), (w0, w1));
        assert_eq!(acc, plain, "{len}");
        for i in 0..len {
            let want = ONE / 2 + w0 as i32 * r0[i] as i32 + w1 as i32 * r1[i] as i32;
            assert_eq!(acc[i], want, "{len} at {i}");
        }
    }
}

#[test]
fn weights_add_up_to_one_and_stay_inside_the_source() {
    for (from, to) in [
        (100, 100),
        (100, 37),
        (37, 100),
        (1000, 3),
        (5, 1),
        (1, 9),
        (990, 484),
    ] {
        let a = axis(from, to);
        for i in 0..to as usize {
            let (start, w) = a.taps(i);
            assert_eq!(
                w.iter().map(|&w| w as i32).sum::<i32>(),
                ONE,
                "{from}→{to} at {i}"
            );
            assert!(
                !w.is_empty() && start + w.len() <= from as usize,
                "{from}→{to} at {i}"
            );
        }
    }
}

#[test]
fn flat_areas_stay_flat_and_edges_keep_their_place() {
    let flat = vec![77u8; 40 * 30 * 3];
    let out = resize(&view(&flat, 40, 30, 3), 13, 11);
    assert_eq!(out.len(), 13 * 11 * 3);
    assert!(out.iter().all(|&v| v == 77));
    // Black left half, white right half: halved, the edge stays in the middle.
    let half: Vec<u8> = (0..64 * 8)
        .map(|i| if i % 64 < 32 { 0 } else { 255 })
        .collect();
    let out = resize(&view(&half, 64, 8, 1), 32, 4);
    let row = &out[..32];
    assert!(
        row[..14].iter().all(|&v| v == 0) && row[18..].iter().all(|&v| v == 255),
        "{row:?}"
    );
    // Enlarged, it stays ordered from black to white.
    let out = resize(&view(&half, 64, 8, 1), 128, 16);
    assert!(out[..60].iter().all(|&v| v == 0) && out[68..128].iter().all(|&v| v == 255));
}

#[test]
fn down_first_is_within_a_few_levels_of_across_first() {
    // A gradient with noise, in RGB and gray, reduced and enlarged, from a crop.
    let (sw, sh) = (97u32, 61u32);
    // A gradient, with a hard black edge in the middle (where Catmull-Rom overshoots).
    let data: Vec<u8> = (0..sw * sh * 3)
        .map(|i| {
            let (x, y) = ((i / 3) % sw, (i / 3) / sw);
            if x > 40 && x < 50 {
                0
            } else {
                (x * 2 + y + i % 3).min(255) as u8
            }
        })
        .collect();
    // Reductions under 2× (larger ones average areas instead: below).
    for (channels, w, h) in [(3, 60, 40), (3, 50, 90), (1, 47, 29), (1, 150, 40)] {
        let v = View {
            data: &data,
            stride: sw as usize * channels,
            channels,
            x: 3,
            y: 2,
            width: sw - 5,
            height: sh - 4,
        };
        let (a, b) = (resize(&v, w, h), resize_small(&v, w, h));
        assert_eq!(a.len(), b.len());
        let worst = a.iter().zip(&b).map(|(x, y)| x.abs_diff(*y)).max();
        // Rounded to bytes in between in another order, and where Catmull-Rom
        // overshoots a hard edge, clamped at another step: 4 levels of 255 at most here.
        assert!(
            worst <= Some(4),
            "{channels} channels to {w}×{h}: {worst:?}"
        );
    }
    let flat = vec![77u8; 40 * 30 * 3];
    assert!(resize_small(&view(&flat, 40, 30, 3), 13, 11)
        .iter()
        .all(|&v| v == 77));
    assert_eq!(resize_small(&view(&flat, 40, 30, 3), 40, 30), flat);
}

#[test]
fn small_copies_average_areas_when_reduced_twice_or_more() {
    // Five pixels to two: each output pixel covers two and a half.
    let row = [0u8, 50, 100, 150, 200];
    assert_eq!(resize_small(&view(&row, 5, 1, 1), 2, 1), [40, 160]);
    // Alternate black and white columns, 4× and 3.75×: mid-gray, no stripes.
    let stripes: Vec<u8> = (0..300 * 4)
        .map(|i| if i % 2 == 0 { 0 } else { 255 })
        .collect();
    let out = resize_small(&view(&stripes, 300, 4, 1), 75, 1);
    assert!(out.iter().all(|&v| v == 127 || v == 128), "{out:?}");
    let out = resize_small(&view(&stripes, 300, 4, 1), 80, 2);
    assert!(out.iter().all(|&v| (110..=145).contains(&v)), "{out:?}");
    // A 2×2 block of RGB becomes its mean.
    let block = [0u8, 0, 0, 100, 0, 0, 0, 100, 0, 200, 100, 40];
    assert_eq!(resize_small(&view(&block, 2, 2, 3), 1, 1), [75, 50, 10]);
    // Every source pixel counts once, and the weights still add up to one.
    for (from, to) in [(1700, 453), (1200, 320), (7, 3), (5, 1)] {
        let a = box_axis(from, to);
        let mut seen = vec![0i64; from as usize];
        for i in 0..to as usize {
            let (start, w) = a.taps(i);
            assert_eq!(
                w.iter().map(|&w| w as i32).sum::<i32>(),
                ONE,
                "{from}→{to} at {i}"
            );
            for (k, &wt) in w.iter().enumerate() {
                seen[start + k] += wt as i64;
            }
        }
        let each = ONE as f64 * to as f64 / from as f64;
        assert!(
            seen.iter()
                .all(|&s| (s as f64 - each).abs() <= each * 0.01 + 2.0),
            "{from}→{to}"
        );
    }
}

#[test]
fn a_view_reads_only_its_rectangle() {
    // 4×2 gray: the right 2×2 square is 200, the rest 0.
    let data = [0, 0, 200, 200, 0, 0, 200, 200];
    let v = View {
        data: &data,
        stride: 4,
        channels: 1,
        x: 2,
        y: 0,
        width: 2,
        height: 2,
    };
    assert_eq!(resize(&v, 2, 2), [200; 4]);
    assert_eq!(resize(&v, 1, 1), [200]);
    assert_eq!(resize(&v, 3, 5), [200; 15]);
}

#[test]
fn averages_big_reductions() {
    // Alternate black and white columns come out mid-gray, not in stripes.
    let stripes: Vec<u8> = (0..300 * 10)
        .map(|i| if i % 2 == 0 { 0 } else { 255 })
        .collect();
    let out = resize(&view(&stripes, 300, 10, 1), 30, 1);
    assert!(out.iter().all(|&v| (120..=135).contains(&v)), "{out:?}");
}
