#!/usr/bin/env bash
# Downloads a dataset's official files, verifies their checksums and lays them out where PathNorm's
# readers expect them (see the README, "Datasets").
#
#   data-loaders/fetch.sh DATASET DIR [--from SRCDIR]
#   data-loaders/fetch.sh fashion-mnist --debian [DIR]
#
# DATASET: mnist, fashion-mnist, cifar10, cifar100, svhn. Afterwards `--data DATASET:DIR` reads DIR.
# --from SRCDIR   take the official files from SRCDIR instead of downloading them (offline machines,
#                 mirrors); they are verified all the same.
# --debian        Fashion-MNIST from Debian's dataset-fashion-mnist package (apt-get install, then
#                 `dpkg --verify` against the package's own MD5 sums); the readers' default directory
#                 /usr/share/datasets/fashion-mnist then works as `--data fashion-mnist`; with DIR the
#                 files are also linked there.
#
# Checksums: every file must match both its SHA-256 and its MD5. The SHA-256 sums (with the sizes of
# the official files) are those of TensorFlow Datasets' url_checksums; the MD5 sums are the authors'
# own (the CIFAR page; MNIST, Fashion-MNIST and SVHN as torchvision and the Fashion-MNIST README carry
# them). PATHNORM_FETCH_SHA256=FILE and PATHNORM_FETCH_MD5=FILE replace them with the "sum  name"
# lines of FILE (for tests).
set -euo pipefail

die() { echo "fetch.sh: $*" >&2; exit 1; }
usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

[ $# -ge 1 ] || usage
dataset="$1"; shift
dir=""; from=""; debian=0
while [ $# -gt 0 ]; do
  case "$1" in
    --from) [ $# -ge 2 ] || die "--from needs a directory"; from="$2"; shift 2 ;;
    --debian) debian=1; shift ;;
    -h|--help) usage ;;
    -*) die "unknown option $1" ;;
    *) [ -z "$dir" ] || die "one DIR only (got '$dir' and '$1')"; dir="$1"; shift ;;
  esac
done

# name  sha256  md5  url — the official files of each dataset
files_of() {
  case "$1" in
    mnist)
      local u=https://ossci-datasets.s3.amazonaws.com/mnist
      echo "train-images-idx3-ubyte.gz 440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609 f68b3c2dcbeaaa9fbdd348bbdeb94873 $u/train-images-idx3-ubyte.gz"
      echo "train-labels-idx1-ubyte.gz 3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c d53e105ee54ea40749a09fcbcd1e9432 $u/train-labels-idx1-ubyte.gz"
      echo "t10k-images-idx3-ubyte.gz 8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6 9fb629c4189551a2d022fa330f9573f3 $u/t10k-images-idx3-ubyte.gz"
      echo "t10k-labels-idx1-ubyte.gz f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6 ec29112dd5afa0611ce80d1b7f02629c $u/t10k-labels-idx1-ubyte.gz" ;;
    fashion-mnist)
      local u=http://fashion-mnist.s3-website.eu-central-1.amazonaws.com
      echo "train-images-idx3-ubyte.gz 3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84 8d4fb7e6c68d591d4c3dfef9ec88bf0d $u/train-images-idx3-ubyte.gz"
      echo "train-labels-idx1-ubyte.gz a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845 25c81989df183df01b3e8a0aad5dffbe $u/train-labels-idx1-ubyte.gz"
      echo "t10k-images-idx3-ubyte.gz 346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073 bef4ecab320f06d8554ea6380940ec79 $u/t10k-images-idx3-ubyte.gz"
      echo "t10k-labels-idx1-ubyte.gz 67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5 bb300cfdad3c16e7a12a480ee83cd310 $u/t10k-labels-idx1-ubyte.gz" ;;
    cifar10)
      echo "cifar-10-binary.tar.gz c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd c32a1d4ab5d03f1284b67883e8d87530 https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz" ;;
    cifar100)
      echo "cifar-100-binary.tar.gz 58a81ae192c23a4be8b1804d68e518ed807d710a4eb253b1f2a199162a40d8ec 03b5dce01913d631647c71ecec9e9cb8 https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz" ;;
    svhn)
      echo "train_32x32.mat 435e94d69a87fde4fd4d7f3dd208dfc32cb6ae8af2240d066de1df7508d083b8 e26dedcc434d2e4c54c9b2d4a06d8373 http://ufldl.stanford.edu/housenumbers/train_32x32.mat"
      echo "test_32x32.mat cdce80dfb2a2c4c6160906d0bd7c68ec5a99d7ca4831afa54f09182025b6a75b eb5a983be6a315427106f1b164d9cef3 http://ufldl.stanford.edu/housenumbers/test_32x32.mat" ;;
  esac
}

# the files the readers need in DIR afterwards
layout_of() {
  case "$1" in
    mnist|fashion-mnist) echo train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz ;;
    cifar10) echo data_batch_1.bin data_batch_2.bin data_batch_3.bin data_batch_4.bin data_batch_5.bin test_batch.bin ;;
    cifar100) echo train.bin test.bin ;;
    svhn) echo train_32x32.mat test_32x32.mat ;;
  esac
}

case "$dataset" in
  mnist|fashion-mnist|cifar10|cifar100|svhn) ;;
  *) die "unknown dataset '$dataset'; expected mnist, fashion-mnist, cifar10, cifar100 or svhn" ;;
esac

if [ "$debian" = 1 ]; then
  [ "$dataset" = fashion-mnist ] || die "--debian is for fashion-mnist only (Debian packages no other of these datasets)"
  if ! dpkg -s dataset-fashion-mnist >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist
  fi
  dpkg --verify dataset-fashion-mnist || die "dpkg --verify dataset-fashion-mnist: the installed files differ from the package"
  src=/usr/share/datasets/fashion-mnist
  if [ -n "$dir" ]; then
    mkdir -p "$dir"
    for f in $(layout_of fashion-mnist); do ln -sf "$src/$f" "$dir/$f"; done
    echo "fetch.sh: fashion-mnist (Debian) linked into $dir; use --data fashion-mnist:$dir"
  else
    echo "fetch.sh: fashion-mnist (Debian) in $src; use --data fashion-mnist"
  fi
  exit 0
fi

[ -n "$dir" ] || die "missing DIR (usage: fetch.sh DATASET DIR [--from SRCDIR])"
expected() {  # $1 override file (may be empty) $2 name $3 built-in sum
  if [ -n "$1" ]; then
    local o
    o=$(awk -v n="$2" '$2 == n { print $1 }' "$1")
    [ -n "$o" ] && { echo "$o"; return; }
  fi
  echo "$3"
}

mkdir -p "$dir"
work="$dir/.fetch"
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

while read -r name sha256 md5 url; do
  if [ -n "$from" ]; then
    [ -f "$from/$name" ] || die "$from/$name: file not found"
    cp "$from/$name" "$work/$name"
  elif command -v curl >/dev/null; then
    curl -fL --retry 3 -o "$work/$name" "$url" || die "$url: download failed"
  else
    wget -q -O "$work/$name" "$url" || die "$url: download failed"
  fi
  want=$(expected "${PATHNORM_FETCH_SHA256:-}" "$name" "$sha256")
  got=$(sha256sum "$work/$name" | awk '{print $1}')
  [ "$got" = "$want" ] || die "$name: sha256 expected $want, found $got (corrupt or wrong file; nothing was laid out)"
  want=$(expected "${PATHNORM_FETCH_MD5:-}" "$name" "$md5")
  got=$(md5sum "$work/$name" | awk '{print $1}')
  [ "$got" = "$want" ] || die "$name: md5 expected $want, found $got (corrupt or wrong file; nothing was laid out)"
  echo "fetch.sh: $name sha256 and md5 ok"
done < <(files_of "$dataset")

case "$dataset" in
  mnist|fashion-mnist|svhn) mv "$work"/* "$dir"/ ;;
  cifar10|cifar100)
    # the tarball holds cifar-10-batches-bin/ or cifar-100-binary/; the readers want the .bin files in DIR
    tar -xzf "$work"/*.tar.gz -C "$work"
    for f in $(layout_of "$dataset"); do
      found=$(find "$work" -name "$f" -type f | head -1)
      [ -n "$found" ] || die "$f: missing from the archive"
      mv "$found" "$dir/$f"
    done ;;
esac

for f in $(layout_of "$dataset"); do [ -f "$dir/$f" ] || die "$dir/$f: missing after layout"; done
echo "fetch.sh: $dataset ready in $dir; use --data $dataset:$dir"
